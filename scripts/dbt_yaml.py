"""A small reader for the YAML subset dbt project files use, for machines without PyYAML.

Supports block mappings and sequences (including `- key: value` items), flow sequences and mappings on one line,
single- and double-quoted strings, `>` and `|` block scalars, comments, null/true/false and integers. Anything
else raises ValueError naming the line, so an unsupported construct fails loudly instead of being misread.
"""
import re

_INT = re.compile(r"^-?\d+$")


def loads(text):
    lines = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = _strip_comment(raw).rstrip()
        if stripped.strip():
            lines.append((number, len(stripped) - len(stripped.lstrip(" ")), stripped.strip(), raw))
    if not lines:
        return None
    value, index = _block(lines, 0, lines[0][1])
    if index != len(lines):
        raise ValueError(f"YAML line {lines[index][0]}: unexpected indentation")
    return value


def _strip_comment(line):
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _block(lines, index, indent):
    return _sequence(lines, index, indent) if lines[index][2].startswith("- ") or lines[index][2] == "-" \
        else _mapping(lines, index, indent)


def _mapping(lines, index, indent):
    result = {}
    while index < len(lines) and lines[index][1] == indent and not lines[index][2].startswith("- "):
        number, _, content, _ = lines[index]
        key, rest = _split_key(content, number)
        result[key], index = _value_after_key(lines, index, indent, rest)
    return result, index


def _sequence(lines, index, indent):
    result = []
    while index < len(lines) and lines[index][1] == indent and (lines[index][2].startswith("- ") or lines[index][2] == "-"):
        number, _, content, raw = lines[index]
        item = content[1:].strip()
        if not item:
            value, index = _block(lines, index + 1, lines[index + 1][1])
        elif _looks_like_key(item):
            # `- key: value` starts a mapping whose keys sit at the item's column.
            item_indent = indent + (len(content) - len(item))
            lines[index] = (number, item_indent, item, raw)
            value, index = _mapping(lines, index, item_indent)
        else:
            value, index = _scalar(item, number), index + 1
        result.append(value)
    return result, index


def _value_after_key(lines, index, indent, rest):
    number = lines[index][0]
    if rest in (">", "|", ">-", "|-"):
        parts, index = [], index + 1
        while index < len(lines) and lines[index][1] > indent:
            parts.append(lines[index][2])
            index += 1
        return (" " if rest.startswith(">") else "\n").join(parts) + ("" if rest.endswith("-") else "\n"), index
    if rest:
        return _scalar(rest, number), index + 1
    if index + 1 < len(lines) and lines[index + 1][1] > indent:
        return _block(lines, index + 1, lines[index + 1][1])
    if index + 1 < len(lines) and lines[index + 1][1] == indent and lines[index + 1][2].startswith("- "):
        return _sequence(lines, index + 1, indent)
    return None, index + 1


def _looks_like_key(text):
    return re.match(r"^[\"']?[A-Za-z0-9_+\-. ]+[\"']?:(\s|$)", text) is not None


def _split_key(content, number):
    match = re.match(r"^(\"[^\"]*\"|'[^']*'|[^:]+):(?:\s+(.*))?$", content)
    if not match:
        raise ValueError(f"YAML line {number}: expected 'key: value', found {content!r}")
    return _unquote(match.group(1).strip()), (match.group(2) or "").strip()


def _scalar(text, number):
    if text.startswith("[") or text.startswith("{"):
        value, end = _flow(text, 0, number)
        if text[end:].strip():
            raise ValueError(f"YAML line {number}: text after a flow collection: {text!r}")
        return value
    if text[0] in "'\"":
        if len(text) < 2 or text[-1] != text[0]:
            raise ValueError(f"YAML line {number}: unterminated string {text!r}")
        return _unquote(text)
    if text in ("null", "~", "Null", "NULL"):
        return None
    if text in ("true", "True"):
        return True
    if text in ("false", "False"):
        return False
    if _INT.match(text):
        return int(text)
    return text


def _unquote(text):
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return bytes(text[1:-1], "utf-8").decode("unicode_escape")
    return text


def _flow(text, i, number):
    closing = "]" if text[i] == "[" else "}"
    result = [] if closing == "]" else {}
    i += 1
    while True:
        while i < len(text) and text[i] == " ":
            i += 1
        if i >= len(text):
            raise ValueError(f"YAML line {number}: unterminated flow collection")
        if text[i] == closing:
            return result, i + 1
        if text[i] in "[{":
            item, i = _flow(text, i, number)
        else:
            start, quote = i, None
            while i < len(text) and (quote or text[i] not in ",]}"):
                quote = (None if text[i] == quote else quote) if quote else (text[i] if text[i] in "'\"" else None)
                i += 1
            item = text[start:i].strip()
        if closing == "}":
            key, rest = _split_key(item, number)
            result[key] = _scalar(rest, number) if rest else None
        else:
            result.append(_scalar(item, number) if isinstance(item, str) else item)
        while i < len(text) and text[i] == " ":
            i += 1
        if i < len(text) and text[i] == ",":
            i += 1
