"""A passage of the cleaned text is found again in its file: the page of a PDF, the paragraph of a .docx."""

from pathlib import Path

from qa.ingest.locate import Place, locate


def test_a_pdf_passage_is_on_its_page(corpus: Path, corpus_reports) -> None:  # type: ignore[no-untyped-def]
    pdf = corpus / "004_913615f662c886fc.pdf"
    text = corpus_reports[pdf.name].text
    first = text[text.index("2024年，在县委"):][:40]
    problems = text[text.index("（一）法治意识有待加强"):][:40]  # the second page of the PDF
    assert locate(pdf, first) == Place(page=1)
    assert locate(pdf, problems) == Place(page=2)


def test_a_docx_passage_is_in_its_paragraph_counting_only_paragraphs_with_text(  # type: ignore[no-untyped-def]
        corpus: Path, corpus_reports) -> None:
    import docx

    path = corpus / "002_0eaea493a516bd61.docx"
    passage = "（一）人员配备不足"
    place = locate(path, corpus_reports[path.name].text[corpus_reports[path.name].text.index(passage):][:60])
    shown = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    assert place is not None and place.paragraph is not None
    assert shown[place.paragraph - 1].strip().startswith(passage)  # as a reader counts them in Word


def test_other_files_and_missing_passages_have_no_place(corpus: Path, tmp_path: Path) -> None:
    assert locate(corpus / "000_34e5d983f20fcaa4.txt", "2023年") is None  # a text file has no pages
    assert locate(corpus / "004_913615f662c886fc.pdf", "这句话不在任何报告里出现过") is None
    assert locate(tmp_path / "gone.pdf", "2024年") is None
