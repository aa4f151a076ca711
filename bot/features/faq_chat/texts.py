"""What the bot says around FAQ answers."""

from __future__ import annotations

ASK_HOW = "Type your question after /ask — or just send it to me as a message."
THANKS_UP = "Thanks — glad it helped."
NOTED = "Noted, thank you."
THANKS_DOWN = (
    "Thanks for telling me. I've noted that this answer didn't help, so it can be improved. "
    "For anything about your own treatment, your prescriber is the best person to ask."
)
ALREADY_VOTED = "You've already rated this answer."
ALREADY_PICKED = "You've already picked one of these. To read another, ask your question again."
NOT_FOUND = "That answer is no longer available. Please ask your question again."
HELPFUL = "👍 Helpful"
NOT_HELPFUL = "👎 Not helpful"
NOT_TEXT = (
    "I can only read text, so I couldn't see what you sent. Type your question in words and "
    "I'll look it up in my LDN guide."
)
