"""Live figures in narrative text resolve to the tables' figures, under any scenario."""

from __future__ import annotations

import pytest

from rrisk.analysis import monte_carlo
from rrisk.fields import FieldError, FieldResolver, narrative_texts, stray_braces
from rrisk.fmt import fmt_index, fmt_percent, fmt_probability, fmt_whole
from rrisk.scoring import score
from rrisk.templates import new_from_template


@pytest.fixture(scope="module")
def template():
    return new_from_template("russia-rare-earths")


def test_project_figures_print_as_the_tables_do(template) -> None:
    result = score(template)
    row = result.row_of("seligdar")
    resolver = FieldResolver(template)
    text = resolver.resolve(
        "{{name:seligdar}}: {{index:seligdar}} ({{band:seligdar}}), rank {{rank:seligdar}}, "
        "{{coverage:seligdar}}, whole {{index:seligdar|0}}",
        "summary",
    )
    project = result.project_score(row)
    assert text == (
        f"{project.name}: {fmt_index(project.index)} ({project.band}), rank {project.rank}, "
        f"{fmt_percent(project.coverage)}, whole {fmt_whole(project.index)}"
    )


def test_leader_counts_and_words(template) -> None:
    result = score(template)
    leader = result.ranking()[0]
    resolver = FieldResolver(template)
    assert resolver.resolve("{{leader}}", "summary") == leader.name
    assert resolver.resolve("{{index:leader}}", "summary") == fmt_index(leader.index)
    assert resolver.resolve("{{rank:leader|ordinal}}", "x") == "first"
    assert (
        resolver.resolve("{{count:excluded}} / {{count:ranked}}", "x") == "3 / 4"
    )  # occupied sites and Tomtor (screening) are excluded
    assert resolver.resolve("{{count:projects|Word}} on {{count:criteria|word}}", "x") == (
        "Seven on eight"
    )


def test_scenario_fields_and_spans(template) -> None:
    eased = score(template, "sanctions-eased")
    indices = [eased.project_score(eased.row_of(p)).index for p in ("tomtor", "seligdar")]
    resolver = FieldResolver(template)
    low, high = min(indices), max(indices)
    assert resolver.resolve("{{index:tomtor,seligdar@sanctions-eased}}", "x") == (
        f"{fmt_index(low)}–{fmt_index(high)}"
    )
    assert resolver.resolve("{{index:tomtor,seligdar@sanctions-eased|0}}", "x") == (
        f"{fmt_whole(low)}–{fmt_whole(high)}"
    )
    assert resolver.resolve("{{band:pikalevo-gallium,tomtor@sanctions-eased}}", "x") == (
        "Medium to High"
    )
    # Without @, a field follows the resolver's (the memo's) scenario.
    under = FieldResolver(template, "sanctions-eased")
    assert under.resolve("{{index:tomtor}}", "x") == fmt_index(indices[0])
    assert under.resolve("{{index:tomtor@baseline}}", "x") == fmt_index(
        score(template).project_score(score(template).row_of("tomtor")).index
    )


def test_monte_carlo_figures_use_the_documents_settings_only_when_cited(template) -> None:
    calls: list[str] = []
    doc = template.model_copy(deep=True)
    doc.analysis.runs, doc.analysis.seed = 500, 3

    def run(scenario: str):
        calls.append(scenario)
        return monte_carlo(doc, scenario or None, runs=doc.analysis.runs, seed=doc.analysis.seed)

    resolver = FieldResolver(doc, monte_carlo=run)
    resolver.resolve("{{index:tomtor}} {{rank:tomtor}}", "summary")
    assert calls == []
    text = resolver.resolve("{{p10:tomtor}}–{{p90:tomtor}}, {{prob_first:leader}}", "summary")
    expected = monte_carlo(doc, runs=500, seed=3)
    row = expected.project_ids.index("tomtor")
    first = expected.project_ids.index(score(doc).ranking()[0].id)
    assert text == (
        f"{fmt_index(float(expected.p10[row]))}–{fmt_index(float(expected.p90[row]))}, "
        f"{fmt_probability(float(expected.rank_probability[first, 0]))}"
    )
    assert calls == [""]  # one run, reused by every Monte Carlo field of that scenario


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("{{index:tomtr}}", "summary: field {{index:tomtr}}: unknown project 'tomtr'"),
        ("{{size:tomtor}}", "summary: field {{size:tomtor}}: unknown figure 'size'"),
        ("{{index:tomtor@nowhere}}", "summary: field {{index:tomtor@nowhere}}: unknown scenario"),
        ("{{index:tomtor|2}}", "summary: field {{index:tomtor|2}}: unknown format '2'"),
        ("{{rank:tomtor,seligdar}}", "summary: field {{rank:tomtor,seligdar}}: 'rank' takes one"),
        ("{{count:people}}", "summary: field {{count:people}}: unknown count 'people'"),
        ("{{index}}", "summary: field {{index}}: name a project after 'index:'"),
        (
            "{{rank:tomtor|word}}",
            "summary: field {{rank:tomtor|word}}: the format 'word' is for count, not rank",
        ),  # fmt: skip
        (
            "{{count:ranked|ordinal}}",
            "summary: field {{count:ranked|ordinal}}: the format 'ordinal' is for rank",
        ),  # fmt: skip
        (
            "{{index:tomtor,seligdar|ordinal}}",
            "summary: field {{index:tomtor,seligdar|ordinal}}: the format 'ordinal'",
        ),  # fmt: skip
        ("{{band:tomtor|0}}", "summary: field {{band:tomtor|0}}: the format '0' is for index"),
    ],
)
def test_a_bad_field_names_the_text_and_the_field(template, field: str, message: str) -> None:
    resolver = FieldResolver(template)
    with pytest.raises(FieldError) as raised:
        resolver.resolve(f"Before {field} after", "summary")
    assert str(raised.value).startswith(message)
    # Lenient resolving (the memo) leaves the field as typed for the reader to see.
    assert resolver.resolve(f"Before {field} after", "summary", strict=False) == (
        f"Before {field} after"
    )
    assert len(resolver.problems(f"{field} and {{{{index:tomtor}}}}")) == 1


@pytest.mark.parametrize(
    ("scenario", "said"),
    [
        ("Sanctions eased", "a field names a scenario by its id, @sanctions-eased"),
        ("SANCTIONS-EASED", "a field names a scenario by its id, @sanctions-eased"),
        ("Baseline", "the baseline is @baseline"),
        (
            "war",
            "(known: 'sanctions-eased' “Sanctions eased”, "
            "'china-export-controls' “China tightens export controls”)",
        ),
    ],
)
def test_an_unknown_scenario_in_a_field_says_which_id_to_write(
    template, scenario: str, said: str
) -> None:
    """It said "unknown scenario 'Sanctions eased'" alone: neither that a field takes the
    scenario's id, nor which scenarios there are."""
    with pytest.raises(FieldError) as raised:
        FieldResolver(template).resolve(f"{{{{index:tomtor@{scenario}}}}}", "summary")
    assert str(raised.value) == (
        f"summary: field {{{{index:tomtor@{scenario}}}}}: unknown scenario '{scenario}'"
        + ("" if said.startswith("(") else ":")
        + f" {said}"
    )


def test_text_without_fields_is_untouched_and_braces_are_literal(template) -> None:
    resolver = FieldResolver(template)
    assert resolver.resolve("A {single} brace and {{ unclosed", "notes") == (
        "A {single} brace and {{ unclosed"
    )


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("Seligdar scores {{index:seligdar} and Tomtor {{index:tomtor}}.", "{{index:seligdar} and"),
        ("Chuktukon: {{{index:chuktukon}}.", "{{{index:chuktukon}}"),
        ("Chuktukon: {{index:chuktukon}}}.", "{{index:chuktukon}}}"),
        ("Open {{ and nothing more", "Open {{ and"),
        ("Tomtor scores {index:tomtor}} out of 100.", "{index:tomtor}} out"),
        ("Tomtor scores index:tomtor}} out of 100.", "index:tomtor}} out"),
    ],
)
def test_braces_that_make_no_field_are_a_problem(template, text: str, near: str) -> None:
    # The memo prints them as typed, so the figure the writer meant would be missing.
    problems = FieldResolver(template).problems(text)
    assert len(problems) == 1 and "braces that make no field" in problems[0], problems
    assert near in problems[0]


def test_every_stray_brace_is_named_not_only_the_first(template) -> None:
    """One run of the check lists every mistake: the analyst fixed one, re-ran the check and
    only then learned of the next."""
    text = (
        "A {{index:tomtor} B. Then a long stretch of ordinary words to keep the places apart. "
        "C {{{index:seligdar}}}. More ordinary words in between the two mistakes here. "
        "D {index:seligdar}} E. And a final stretch of plain words before the last one. "
        "F {index:chuktukon} G."
    )
    problems = FieldResolver(template).problems(text)
    strays = [p for p in problems if "braces that make no field" in p]
    assert len(strays) == 4, problems
    for near in (
        "A {{index:tomtor} B",
        "{{{index:seligdar}}}",
        "{index:seligdar}} E",
        "{index:chuktukon}",
    ):
        assert sum(near in p for p in strays) == 1, (near, strays)


def test_stray_braces_close_together_are_each_named(template) -> None:
    strays = stray_braces("{index:tomtor}, {rank:tomtor}, {band:tomtor}")
    assert len(strays) == 3, strays
    strays = stray_braces("Led by {leader}, {band:tomtor} for Tomtor.")
    assert strays == ["by {leader},", "{band:tomtor} for"], strays


def test_a_stray_brace_is_quoted_in_its_own_words() -> None:
    """The quote holds the word with the braces and its plain neighbours, whole: it does not
    start inside a good field before it, nor take in a second mistake beside it."""
    text = "BAD[{{index:nope}}] OPEN[{{index:tie-a}] and more"
    assert stray_braces(text) == ["OPEN[{{index:tie-a}] and"]
    assert stray_braces("OPEN[{{index:tie-a}] BAD[{{index:no") == [
        "OPEN[{{index:tie-a}]",
        "BAD[{{index:no",
    ]
    # A long run without spaces is cut around the brace, not quoted whole.
    (quote,) = stray_braces("x" * 500 + "{{index:a}" + "y" * 500)
    assert "{{index:a}" in quote and len(quote) <= 120
    assert len(stray_braces("Chuktukon: {{{index:chuktukon}}}.")) == 1  # one word, one mistake


def test_fields_side_by_side_and_single_braces_are_no_problem(template) -> None:
    resolver = FieldResolver(template)
    assert resolver.problems("{{index:tomtor}}{{rank:tomtor}} of {count} {set}") == []


def test_narrative_texts_cover_summary_descriptions_and_rationales(template) -> None:
    keys = [key for key, _, _ in narrative_texts(template)]
    assert keys[:3] == ["summary", "recommendation", "notes"]
    assert "project:tomtor" in keys
    assert any(key.startswith("cell:tomtor:") for key in keys)


def test_a_span_counts_the_projects_that_have_no_score() -> None:
    document = new_from_template("russia-rare-earths")  # not the shared one: it is changed
    document.cells["chuktukon"] = {}
    resolver = FieldResolver(document)
    band = resolver.resolve("{{band:seligdar,chuktukon,pikalevo-gallium}}", "summary")
    assert band == "High (1 unscored)"
    index = resolver.resolve("{{index:seligdar,chuktukon,pikalevo-gallium}}", "summary")
    assert index.endswith("(1 unscored)") and "—" not in index
    assert resolver.resolve("{{band:chuktukon}}", "summary") == "—"


@pytest.mark.parametrize(
    "text",
    [
        "Tomtor scores {index:tomtor}} out of 100.",
        "Tomtor scores index:tomtor}} out of 100.",
        "Tomtor scores {index:tomtor} out of 100.",
    ],
)
def test_the_check_finds_broken_braces_in_a_text_without_a_field(template, text: str) -> None:
    """A text with no ``{{`` at all (the field's first brace pair mistyped) is checked too:
    the memo would print the braces as typed, and --strict must refuse it."""
    from rrisk.check import ERROR, check_document

    document = template.model_copy(deep=True)
    document.notes = text
    document.projects[0].description = text
    project_place = f"project '{document.projects[0].id}' “{document.projects[0].name}”"
    errors = [p for p in check_document(document) if p.severity == ERROR]
    places = {p.place for p in errors if "braces that make no field" in p.message}
    assert places == {"notes", f"description of {project_place}"}


def test_the_long_rationale_warning_counts_what_the_memo_prints(template) -> None:
    """Under 1,500 characters as typed, over it once a long name is resolved: warned; the
    other way round: not warned."""
    from rrisk.check import check_document
    from rrisk.limits import MEMO_CELL_TEXT

    document = template.model_copy(deep=True)
    document.project("tomtor").name = "T" * 200
    fields = "{{name:tomtor}} " * 5  # 80 typed, 1,005 printed
    cell = document.cell("seligdar", "geology")

    def warned() -> bool:
        return any(
            "argued at more than" in p.message
            and p.place == "project 'seligdar' “Seligdar apatite deposit (REE by-product)”"
            for p in check_document(document)
        )

    cell.rationale = fields + "x" * (MEMO_CELL_TEXT - len(fields) - 10)
    assert len(cell.rationale) < MEMO_CELL_TEXT and warned()
    document.project("tomtor").name = "T"
    cell.rationale = "{{name:tomtor}}" * 100 + "x" * 100  # 1,600 typed, 200 printed
    assert len(cell.rationale) > MEMO_CELL_TEXT and not warned()


def test_a_field_typed_where_fields_are_not_read_is_a_warning(template) -> None:
    from rrisk.check import WARNING, check_document

    document = template.model_copy(deep=True)
    document.project("seligdar").strategic_value = 3
    document.project("seligdar").strategic_rationale = "Behind {{leader}} at {{index:leader}}."
    document.scenarios[0].description = "Tomtor would score {{index:tomtor}}."
    document.cell("tomtor", "sanctions").red_line_reason = "Index {{index:tomtor}}"
    found = {
        (p.place, p.message.split(",")[0])
        for p in check_document(document)
        if p.severity == WARNING and "does not read" in p.message
    }
    assert found == {
        (
            "project 'seligdar' “Seligdar apatite deposit (REE by-product)”",
            "the strategic-value rationale holds a field",
        ),
        ("scenario 'sanctions-eased' “Sanctions eased”", "the description holds a field"),
        (
            "project 'tomtor' “Tomtor niobium–rare-earth deposit”, "
            "criterion 'sanctions' “Sanctions exposure”",
            "the red-line reason holds a field",
        ),
    }
    assert not any("does not read" in p.message for p in check_document(template))


def test_a_field_in_a_scenario_override_or_a_legal_basis_is_a_warning(template) -> None:
    """The memo prints a scenario's red-line reason and note for a cell, and the legal basis
    of a cell's red line or of a rule, as typed: a field there would print braces and all."""
    from rrisk.check import WARNING, check_document
    from rrisk.model import CellOverride

    document = template.model_copy(deep=True)
    scenario = document.scenarios[0]
    scenario.cell_overrides.append(
        CellOverride(
            project="seligdar",
            criterion="extraction-cost",
            red_line=True,
            red_line_reason="Index {{index:seligdar}}",
        )
    )
    scenario.cell_overrides.append(
        CellOverride(
            project="tomtor", criterion="extraction-cost", likelihood=2, note="{{leader}} leads"
        )
    )
    document.cell("tomtor", "sanctions").red_line_basis = "EO {{index:tomtor}}"
    rule_criterion = next(c for c in document.criteria if c.red_line_rule is not None)
    rule_criterion.red_line_rule.basis = "Law {{count:excluded}}"
    found = {
        (p.place, p.message.split(",")[0])
        for p in check_document(document)
        if p.severity == WARNING and "does not read" in p.message
    }
    assert found == {
        (
            "scenario 'sanctions-eased' “Sanctions eased”, "
            "project 'seligdar' “Seligdar apatite deposit (REE by-product)”, "
            "criterion 'extraction-cost' “Extraction and recovery cost”",
            "the red-line reason holds a field",
        ),
        (
            "scenario 'sanctions-eased' “Sanctions eased”, "
            "project 'tomtor' “Tomtor niobium–rare-earth deposit”, "
            "criterion 'extraction-cost' “Extraction and recovery cost”",
            "the note holds a field",
        ),
        (
            "project 'tomtor' “Tomtor niobium–rare-earth deposit”, "
            "criterion 'sanctions' “Sanctions exposure”",
            "the red-line basis holds a field",
        ),
        (
            f"criterion '{rule_criterion.id}' “{rule_criterion.name}”",
            "the red-line rule's basis holds a field",
        ),
    }


def test_monte_carlo_figures_under_too_many_scenarios_are_refused_before_any_run() -> None:
    """Each scenario whose Monte Carlo figures the texts cite needs a run of the document's
    runs: past one run of the most runs allowed, in all, every such field is an error for
    the check and prints as typed in the memo, which starts no run for any of them. Which
    fields they are does not depend on the order the texts are read in."""
    from rrisk.check import ERROR, check_document

    document = new_from_template("russia-rare-earths")
    document.analysis.runs = 600_000  # one other scenario's run allowed
    first, second = (s.id for s in document.scenarios[:2])
    cited = [f"{{{{p50:seligdar@{first}}}}}", f"{{{{p50:seligdar@{second}}}}}"]
    document.notes = f"Then {cited[0]}, or {cited[1]}; now {{{{p50:seligdar}}}}."
    document.summary = f"Also {cited[1]}."
    message = (
        "Monte Carlo figures are cited under more than one other scenario; each needs its own "
        "run of 600,000, so cite fewer scenarios or lower the runs"
    )
    errors = [(p.place, p.message) for p in check_document(document) if p.severity == ERROR]
    assert [e for e in errors if "Monte Carlo" in e[1]] == [
        ("summary", f"field {cited[1]}: {message}"),
        ("notes", f"field {cited[0]}: {message}"),
        ("notes", f"field {cited[1]}: {message}"),
    ]
    started: list[str] = []

    def run(scenario: str):  # noqa: ANN202 - a small run stands for the document's
        started.append(scenario)
        return monte_carlo(document, scenario or None, runs=200, seed=1)

    resolver = FieldResolver(document, None, monte_carlo=run)
    printed = resolver.resolve(document.notes, "notes", strict=False)
    assert started == [""]  # the memo's own scenario's run only
    assert (
        printed.startswith(f"Then {cited[0]}, or {cited[1]}; now ")
        and "{{p50:seligdar}}" not in printed
    )
    with pytest.raises(FieldError, match="more than one other scenario"):
        resolver.resolve(document.summary, "summary")
    document.summary = ""  # one other scenario left: within the bound
    document.notes = f"Then {cited[0]}; now {{{{p50:seligdar}}}}."
    assert not [e for e in check_document(document) if "Monte Carlo" in e.message]
    started.clear()
    printed = FieldResolver(document, None, monte_carlo=run).resolve(document.notes, "notes")
    assert "{{" not in printed and started == [first, ""]
