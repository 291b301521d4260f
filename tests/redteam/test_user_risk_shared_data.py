"""User-level risk on the Reddit C-SSRS dev users (shared data; aggregates only). Slow on 2 cores."""

from __future__ import annotations

from pathlib import Path

import pytest

from amity.safety.evaluation import evaluate_user_risk


@pytest.mark.heavy
def test_user_risk_auc_on_cssrs_dev(shared_data: Path) -> None:
    path = shared_data / "reddit_cssrs_suicide" / "users_dev.csv"
    if not path.is_file():
        pytest.skip("users_dev.csv is not there")
    result = evaluate_user_risk(path)
    assert result["n_users"] == 400
    assert result["auc_at_risk"] >= 0.75  # measured 0.80; anchor 0.78 (Gaur et al. 2021)
    assert result["auc_at_risk_detector_only"] >= 0.6
