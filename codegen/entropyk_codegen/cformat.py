"""Final formatting of generated C and C++ so that the output is already clang-format clean
(LLVM style, IndentWidth 4, ColumnLimit 120, PointerAlignment Left, bin-packed parameters aligned
after the open bracket; see .clang-format). Deterministic and independent of the clang-format
version installed; the test codegen.clang_format_clean verifies it when clang-format is present.
"""

import textwrap

LIMIT = 120


def _pack(first: str, items: list[str], suffix: str, indent: int) -> list[str]:
    lines: list[str] = []
    current = first
    fresh = True
    for i, item in enumerate(items):
        text = item + (suffix if i == len(items) - 1 else ",")
        if fresh:
            current += text
            fresh = False
        elif len(current) + 1 + len(text) <= LIMIT:
            current += " " + text
        else:
            lines.append(current)
            current = " " * indent + text
    if fresh:
        current += suffix
    lines.append(current)
    return lines


# Penalties fitted to clang-format 14's choices for this style (checked by codegen/tests over
# every parameter count and name length the API can have): a line break inside the list, the
# return type on its own line (PenaltyReturnTypeOnItsOwnLine), a break right after '(' of a
# declaration and of a call (PenaltyBreakBeforeFirstCallParameter).
BREAK, RETURN_TYPE, OPEN_PAREN_DECL, OPEN_PAREN_CALL = 30, 60, 60, 19


def call(prefix: str, items: list[str], suffix: str, indent: int = 0, split_at: int | None = None) -> list[str]:
    """`prefix` ends with '('. Returns the lines clang-format would produce for prefix + items + suffix.

    The candidates are the layouts clang-format weighs: arguments aligned after the bracket; for a
    function signature (split_at = where the function name starts in prefix), the name moved to a
    line of its own; a break right after the bracket. The cheapest one that fits wins (ties go in
    that order)."""
    one = prefix + ", ".join(items) + suffix
    if len(one) <= LIMIT or not items:
        return [one]
    candidates = [(0, _pack(prefix, items, suffix, len(prefix)))]
    if split_at is not None:
        name = prefix[split_at:]
        candidates.append((RETURN_TYPE, [prefix[:split_at].rstrip()] + _pack(name, items, suffix, len(name))))
    paren = OPEN_PAREN_DECL if split_at is not None else OPEN_PAREN_CALL
    candidates.append((paren, [prefix] + _pack(" " * (indent + 4), items, suffix, indent + 4)))
    fitting = [(extra + BREAK * (len(lines) - 1), i, lines) for i, (extra, lines) in enumerate(candidates)
               if all(len(line) <= LIMIT for line in lines)]
    return min(fitting)[2] if fitting else candidates[-1][1]


def function_definition(signature_prefix: str, params: list[str], statement_prefix: str, args: list[str],
                        statement_suffix: str = ");", split_at: int | None = None) -> list[str]:
    """A function definition whose body is one statement `statement_prefix(args...)statement_suffix`."""
    sig = call(signature_prefix, params, ") {", split_at=split_at)
    stmt = call("    " + statement_prefix, args, statement_suffix, indent=4)
    if len(sig) == 1 and len(stmt) == 1:
        merged = sig[0] + " " + stmt[0].strip() + " }"
        if len(merged) <= LIMIT:
            return [merged]
    return sig + stmt + ["}"]


def doc_block(paragraphs: list[str], indent: str = "", width: int = 100) -> list[str]:
    """A /** ... */ comment; paragraphs are wrapped, blank strings separate them. Lines starting with
    '@' are tags: their continuation lines are indented under the text."""
    out = [indent + "/**"]
    for para in paragraphs:
        if para == "":
            out.append(indent + " *")
            continue
        sub = "  " if para.startswith("@") else ""
        wrapped = textwrap.wrap(para, width=width - len(indent) - 3, subsequent_indent=sub,
                                break_long_words=False, break_on_hyphens=False)
        out.extend(indent + " * " + w for w in wrapped)
    out.append(indent + " */")
    return out


def macro_braced(name: str, items: list[str]) -> list[str]:
    """`#define NAME { items }` as clang-format lays it out (the brace list on a continuation line),
    or wrapped in clang-format off/on when the list is too long for one line."""
    body = "    { " + ", ".join(items) + " }"
    head = "#define " + name
    if len(body) <= LIMIT and len(head) <= LIMIT - 2:
        return [head + " " * (LIMIT - 1 - len(head)) + "\\", body]
    lines = ["/* clang-format off */", head + " \\", "    { \\"]
    lines += ["        " + item + ("," if i < len(items) - 1 else "") + " \\" for i, item in enumerate(items)]
    lines += ["    }", "/* clang-format on */"]
    return lines


def member_doc(text: str, indent: str = "    ") -> list[str]:
    """A one-line /** text */ before an enum value or a struct field, or a block when too long."""
    one = f"{indent}/** {text} */"
    if len(one) <= LIMIT:
        return [one]
    return doc_block([text], indent)
