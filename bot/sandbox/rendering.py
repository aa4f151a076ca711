"""Telegram's formatting: check HTML/MarkdownV2 like the Bot API does, return what is shown."""

from __future__ import annotations

import html
import re

from bot.sandbox.records import ApiError

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_HTML_TOKEN = re.compile(r"<(/?)([^<>\s/]*)([^<>]*)>|<")
_MD2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")


def html_to_text(text: str) -> str:
    """Validate Telegram HTML like the Bot API does and return the displayed text."""
    stack: list[tuple[str, int]] = []
    out: list[str] = []
    pos = 0
    for match in _HTML_TOKEN.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        offset = len(text[: match.start()].encode())
        if match.group(1) is None:  # a bare "<"
            raise ApiError(
                400,
                f"Bad Request: can't parse entities: Unsupported start tag at byte offset {offset}",
            )
        closing, tag = match.group(1) == "/", match.group(2).lower()
        if not closing:
            if tag not in _HTML_TAGS:
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}" '
                    f"at byte offset {offset}",
                )
            stack.append((tag, offset))
            continue
        if not stack or stack[-1][0] != tag:
            expected = f'"</{stack[-1][0]}>"' if stack else "no end tag"
            raise ApiError(
                400,
                f"Bad Request: can't parse entities: Unmatched end tag at byte offset {offset}, "
                f'expected {expected}, found "</{tag}>"',
            )
        stack.pop()
    if stack:
        tag, offset = stack[-1]
        raise ApiError(
            400,
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
            f'"{tag}"',
        )
    out.append(text[pos:])
    return html.unescape("".join(out))


def markdown_v2_to_text(text: str) -> str:
    """Validate MarkdownV2 escaping like the Bot API does and return the displayed text."""
    out: list[str] = []
    open_marks: dict[str, int] = {}
    link_depth = 0
    i, n = 0, len(text)

    def fail(message: str, at: int) -> ApiError:
        offset = len(text[:at].encode())
        return ApiError(
            400, f"Bad Request: can't parse entities: {message} at byte offset {offset}"
        )

    while i < n:
        ch = text[i]
        if ch == "\\":
            if i + 1 < n:
                out.append(text[i + 1])
            i += 2
            continue
        if ch == "`":
            fence = "```" if text.startswith("```", i) else "`"
            end = i + len(fence)
            while end < n and not text.startswith(fence, end):
                end += 2 if text[end] == "\\" else 1
            if end >= n:
                raise fail("Can't find end of Code entity", i)
            body = text[i + len(fence) : end]
            if fence == "```" and "\n" in body:
                body = body.split("\n", 1)[1]  # drop the language line
            out.append(re.sub(r"\\(.)", r"\1", body))
            i = end + len(fence)
            continue
        if ch in "*_~" or text.startswith("||", i):
            mark = "__" if text.startswith("__", i) else ("||" if ch == "|" else ch)
            if mark in open_marks:
                del open_marks[mark]
            else:
                open_marks[mark] = i
            i += len(mark)
            continue
        if ch == "[" or text.startswith("![", i):  # a link or a custom emoji
            link_depth += 1
            i += 2 if ch == "!" else 1
            continue
        if ch == "]" and link_depth:
            link_depth -= 1
            if not text.startswith("(", i + 1):
                raise fail(
                    "Character ']' is reserved and must be escaped with the preceding '\\'", i
                )
            end = i + 2
            while end < n and text[end] != ")":
                end += 2 if text[end] == "\\" else 1
            if end >= n:
                raise fail("Can't find end of a URL", i)
            i = end + 1
            continue
        if ch == ">" and (i == 0 or text[i - 1] == "\n"):
            i += 1
            continue
        if ch in _MD2_RESERVED:
            raise fail(
                f"Character '{ch}' is reserved and must be escaped with the preceding '\\'", i
            )
        out.append(ch)
        i += 1
    if open_marks:
        mark, at = next(iter(open_marks.items()))
        raise fail(f"Can't find end of the entity starting (mark {mark!r})", at)
    if link_depth:
        raise fail("Can't find end of a text URL", n)
    return "".join(out)


def render(text: str | None, parse_mode: str | None) -> str | None:
    if text is None or not parse_mode:
        return text
    mode = parse_mode.lower()
    if mode == "html":
        return html_to_text(text)
    if mode == "markdownv2":
        return markdown_v2_to_text(text)
    if mode == "markdown":
        return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "").replace("_", "")
    raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")
