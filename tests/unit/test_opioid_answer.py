"""At the opioid screening question, a patient's ongoing or occasional opioid use is the
question's answer; taking LDN and an opioid together is still a red flag."""

from __future__ import annotations

import pytest

from bot.features.screening.handlers import opioid_use_is_the_answer
from faq.triage import triage


@pytest.mark.parametrize(
    "typed",
    [
        "a veces tomo tramadol",
        "manchmal nehme ich Tilidin",
        "tomo suboxone",
        "ja, ich nehme Tilidin gegen die Schmerzen",
    ],
)
def test_ongoing_opioid_use_is_the_answer_though_the_triage_flags_it(typed: str) -> None:
    concern = triage(typed)
    assert concern is not None and concern.id == "opioid-co-use"
    assert opioid_use_is_the_answer(typed, concern.id)


@pytest.mark.parametrize(
    "typed",
    [
        "i took my ldn and an oxy an hour ago",
        "tomé mi ldn y un tramadol hace una hora",
        "ich habe mein LDN und Tilidin vor einer Stunde genommen",
        "took my dose and an oxy an hour ago",
        "tome la naltrexona con un tramadol",
    ],
)
def test_ldn_named_beside_an_opioid_is_still_the_red_flag(typed: str) -> None:
    concern = triage(typed)
    assert concern is not None
    assert not opioid_use_is_the_answer(typed, concern.id)


def test_another_concern_is_never_the_answer() -> None:
    typed = "a veces tomo tramadol y tengo ganas de morir"
    concern = triage(typed)
    assert concern is not None and concern.id == "suicidal"
    assert not opioid_use_is_the_answer(typed, concern.id)
