"""The model file's `assignments:` list and yearly dates are validated at load, with defaults."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models.governance.files import load_model
from models.governance.schema import GovernanceModel
from tests.conftest import minimal_model


def _with(**changes: object) -> dict:
    data = minimal_model()
    rules = dict(data["rules"])
    rules.update(changes.pop("rules", {}))  # type: ignore[arg-type]
    data.update(changes, rules=rules)
    return data


def _assignment(**changes: object) -> dict:
    return {
        "number": 1,
        "title": "Gjøre noe",
        "title_en": "Do something",
        "owner": "eier",
        "source": "test",
    } | changes


def test_defaults_and_the_presets() -> None:
    model = GovernanceModel.model_validate(_with())
    assert model.assignments == [] and model.rules.traffic_light_assessment_due is None
    assert model.reminders.assignment_owner_working_days_before == [5, 1]
    assert model.reminders.assessment_working_days_before == [0]
    assert (
        GovernanceModel.model_validate(_with(rules={"yearly_evaluation": True})).rules.evaluation_due
        == "12-01"
    )
    assert (
        GovernanceModel.model_validate(_with(rules={"yearly_evaluation": False})).rules.evaluation_due is None
    )
    north = load_model("helse-nord-2026").model
    assert [a.number for a in north.assignments] == list(range(1, 17))
    assert {a.number: a.deadline.isoformat() for a in north.assignments if a.deadline} == {
        14: "2026-04-01",
        16: "2026-04-01",
    }
    assert north.rules.traffic_light_assessment_due == "03-15" and north.rules.evaluation_due is None
    south = load_model("hso-2026").model
    assert south.assignments == [] and south.rules.evaluation_due == "12-01"


def test_owners_must_exist_and_numbers_be_unique() -> None:
    data = _with(assignments=[_assignment(), _assignment(owner="ingen-slik"), _assignment(number=2)])
    with pytest.raises(ValidationError) as error:
        GovernanceModel.model_validate(data)
    message = str(error.value)
    assert "assignments.1.owner: no person with key 'ingen-slik'" in message
    assert "assignments.1.number: 1 is used twice" in message


@pytest.mark.parametrize("bad", ["3-15", "13-01", "03-32", "mid-March"])
def test_yearly_dates_are_month_day(bad: str) -> None:
    with pytest.raises(ValidationError):
        GovernanceModel.model_validate(_with(rules={"traffic_light_assessment_due": bad}))
