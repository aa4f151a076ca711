"""At the screening's opioid question: how many typed answers about ongoing or occasional
opioid use get the co-use safety reply instead of being read as the answer, and how many real
reports of taking LDN with an opioid still get it. Rules and the semantic net, as the bot runs.

Run: python benchmarks/bench_opioid_answers.py

"before" is the triage alone (every red flag got the safety reply); "after" leaves out a
co-use flag that `screening.handlers.opioid_use_is_the_answer` reads as the question's answer.
The texts were written for this measure (a few are the reported cases), not held out.
"""

from __future__ import annotations

from bot.domain.typed_answers import YesNo, read_yes_no
from bot.features.screening.handlers import opioid_use_is_the_answer
from faq.triage import triage
from faq.triage_net import load_safety_net

ANSWERS = [
    "a veces tomo tramadol",
    "manchmal nehme ich Tilidin",
    "sometimes i take tramadol",
    "yes oxycodone for my back",
    "sí, tomo tramadol para la espalda",
    "tomo codeína cuando me duele la cabeza",
    "de vez en cuando tomo oxicodona",
    "estoy con metadona",
    "ja, ich nehme Tramadol",
    "ich nehme ab und zu Codein",
    "ja manchmal Oxycodon gegen Rückenschmerzen",
    "ich bin in einem Methadonprogramm",
    "yes i take codeine for my knee",
    "i'm on suboxone",
    "occasionally hydrocodone",
    "tomo tramal a veces",
    "nehme Tilidin bei Bedarf",
    "yes, fentanyl patches",
]
REPORTS = [
    "i took my ldn and an oxy an hour ago",
    "tomé mi ldn y un tramadol hace una hora",
    "ich habe mein LDN und Tilidin vor einer Stunde genommen",
    "took my ldn then a codeine",
    "me tomé la ldn y después un tramadol",
    "habe gerade LDN genommen und vorhin Oxycodon",
    "i took naltrexone with my tramadol tonight",
    "tomé naltrexona y morfina hoy",
]


def main() -> None:
    net = load_safety_net()
    for name, texts in (("answers", ANSWERS), ("co-use reports", REPORTS)):
        before = after = read_as_yes = 0
        for text in texts:
            concern = triage(text, net)
            flagged = concern is not None
            kept = flagged and not opioid_use_is_the_answer(text, concern.id)  # type: ignore[union-attr]
            before += flagged
            after += kept
            yes = read_yes_no(text, unsure_allowed=False, about_opioids=True) is YesNo.YES
            read_as_yes += not kept and yes
            if kept and name == "answers":
                print(f"  still a safety reply: {text!r} ({concern.id})")  # type: ignore[union-attr]
        print(
            f"{name}: {len(texts)} texts; safety reply before {before}, after {after}; "
            f"read as the opioid yes after {read_as_yes}"
        )


if __name__ == "__main__":
    main()
