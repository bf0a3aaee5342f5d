import pytest

from qa.ingest.chunk import chunk
from qa.ingest.sections import SEPARATOR, parse_sections
from qa.sentences import SENTENCE_END


@pytest.mark.parametrize("max_chars", [80, 300, 1000])
def test_offsets_size_and_section_boundaries_on_the_whole_corpus(corpus_reports, max_chars: int) -> None:  # type: ignore[no-untyped-def]
    for name, report in corpus_reports.items():
        sections = parse_sections(report.text)
        chunks = chunk(report.id, report.text, sections, max_chars=max_chars)
        assert chunks, name
        for c in chunks:
            assert report.text[c.start:c.end] == c.text, (name, c.id)
            assert len(c.text) <= max_chars
            # inside exactly one section, carrying its path
            owner = [s for s in sections if s.start <= c.start and c.end <= s.end]
            assert len(owner) == 1 and SEPARATOR.join(owner[0].path) == c.section


def test_chunks_end_at_sentence_ends(corpus_reports) -> None:  # type: ignore[no-untyped-def]
    ends = tuple(SENTENCE_END) + ("”", "）", "：", ":")
    for report in corpus_reports.values():
        for c in chunk(report.id, report.text, parse_sections(report.text), max_chars=300):
            nxt = report.text[c.end:c.end + 1]
            # a chunk ends a sentence, a line (headings), or the text
            assert c.text.endswith(ends) or nxt in ("\n", ""), c.text[-20:]


def test_no_line_break_inside_a_sentence_of_the_pdf(corpus_reports) -> None:  # type: ignore[no-untyped-def]
    report = corpus_reports["004_913615f662c886fc.pdf"]
    for c in chunk(report.id, report.text, parse_sections(report.text), max_chars=300):
        for i, ch in enumerate(c.text):
            if ch == "\n":
                line = c.text[:i].rsplit("\n", 1)[-1]
                assert line.endswith(tuple(SENTENCE_END) + ("：",)) or len(line) < 40, line


def test_chunk_ids_are_stable_content_hashes(corpus_reports) -> None:  # type: ignore[no-untyped-def]
    report = corpus_reports["000_34e5d983f20fcaa4.txt"]
    a = chunk(report.id, report.text, parse_sections(report.text), max_chars=300)
    b = chunk(report.id, report.text, parse_sections(report.text), max_chars=300)
    assert [c.id for c in a] == [c.id for c in b] and len({c.id for c in a}) == len(a)
