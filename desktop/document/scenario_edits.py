"""Score and weight edits under a scenario write that scenario's overrides.

Part of :class:`~desktop.document.controller.DocumentController` (mixed in). With a scenario
selected, the matrix, heat map and ranking show the scenario's values, so a likelihood or
impact typed there is the scenario's: it goes into the scenario's ``cell_overrides`` (one undo
step) and the views change at once. Baseline edits happen with Baseline selected.

Decisions:

* A criterion's weight typed under a scenario (Editors → Criteria, table or form) is the
  scenario's weight override, as a typed score is its cell override: the editor shows the
  weight in force in the view and marks the ones the scenario sets; a blank (or "Use
  baseline weight") removes the override. Editors → Scenarios edits any scenario's weights,
  whichever is shown, and says so in its own table.
* Undo and redo of an override edit bring the view back to its scenario (and cell), so the
  change is seen (:class:`~desktop.document.commands.Place`).

* Ranges belong to the baseline. A scenario override states one value (the scoring replaces
  the cell's range with it, :func:`rrisk.scoring.compile_matrix`), so a range edit under a
  scenario is refused with the reason, naming Baseline.
* Other fields of a cell (rationale, evidence, status, red line) are not scenario-specific
  and are edited in the baseline whatever the scenario; an edit that mixes scores with them
  writes the scores to the override and the rest to the cell, as one undo step.
* Clearing a score under a scenario ("—" in the inspector) drops that part of the override;
  an override left with nothing in it is removed, its note with it (a note explains a value
  the scenario no longer sets; Undo brings both back). Delete in the matrix, or "Clear override"
  in the inspector, removes the selected cells' overrides.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import ValidationError

from desktop.document.commands import CellKey, ControllerPart, Place
from rrisk.fmt import plain_number
from rrisk.model import (
    Assessment,
    Cell,
    CellOverride,
    Scenario,
    describe_validation_error,
    override_changes,
    sets_nothing,
    weight_problem,
)
from rrisk.text import read_weight

SCENARIO_SCORE_FIELDS = ("likelihood", "impact")
SCENARIO_RED_LINE_FIELDS = ("red_line", "red_line_reason")
"""Cell fields a scenario's override may set besides the scores: edited in the override
where it sets the red line (the view shows that one), in the baseline otherwise."""
_OVERRIDE_FIELDS = (*SCENARIO_SCORE_FIELDS, *SCENARIO_RED_LINE_FIELDS)
RANGE_FIELDS = ("likelihood_low", "likelihood_high", "impact_low", "impact_high")


def overrides_of(document: Assessment, scenario_id: str | None) -> dict[CellKey, CellOverride]:
    """The cell overrides of a scenario by (project, criterion) that set something; empty
    for the baseline. A row just added in Editors → Scenarios, blank until filled in, sets
    nothing, and no view marks its cell as the scenario's (the memo counts none either)."""
    if scenario_id is None:
        return {}
    for scenario in document.scenarios:
        if scenario.id == scenario_id:
            return _setting_overrides(scenario)
    return {}


class _Found(NamedTuple):
    scenario: Scenario
    overrides: list[CellOverride]
    length: int
    by_cell: dict[CellKey, CellOverride]
    setting: dict[CellKey, CellOverride]


_FOUND: dict[int, _Found] = {}
"""The overrides of each scenario (by its id()) as last found."""


def _found(
    scenario: Scenario,
    by_cell: dict[CellKey, CellOverride] | None = None,
    edited: tuple[_Found, list[CellKey]] | None = None,
) -> _Found:
    """The overrides of ``scenario`` by cell, and those that set something, found once for
    each version of it: an edit makes a new scenario, never changes one in place. The views,
    the inspector and the edits ask for them several times a step, each time reading every
    override (2 ms for 3,000, 50 ms for a whole 2,000 × 40 matrix). ``by_cell``: the
    overrides by cell of a version just made, as its edit has them; ``edited``: the version
    it was made from, as found, and the cells whose overrides the edit changed (the others'
    are the same objects), so only theirs are tested. Do not change the mappings returned."""
    overrides = scenario.cell_overrides
    found = _FOUND.get(id(scenario))
    if (
        found is not None
        and found.scenario is scenario
        and found.overrides is overrides
        and found.length == len(overrides)
    ):
        return found
    if by_cell is None:
        by_cell = scenario.overrides_by_cell()
    setting = None if edited is None else _setting_after(*edited, by_cell)
    if setting is None:
        setting = {key: value for key, value in by_cell.items() if not sets_nothing(value)}
    if len(_FOUND) >= 6:  # a few versions (each may hold 80,000 overrides), found again
        _FOUND.clear()
    found = _FOUND[id(scenario)] = _Found(scenario, overrides, len(overrides), by_cell, setting)
    return found


def _setting_after(
    before: _Found, cells: list[CellKey], by_cell: dict[CellKey, CellOverride]
) -> dict[CellKey, CellOverride] | None:
    """The overrides of ``by_cell`` that set something, in its order, from ``before``'s where
    only ``cells`` changed; None where a cell's override that set nothing now sets something
    (its place among them is found by reading them all)."""
    setting = dict(before.setting)
    for key in cells:
        override = by_cell.get(key)
        if override is None or sets_nothing(override):
            setting.pop(key, None)
        elif key in setting or key not in before.by_cell:  # in place, or new and last
            setting[key] = override
        else:
            return None
    return setting


def _setting_overrides(scenario: Scenario) -> dict[CellKey, CellOverride]:
    """The overrides of ``scenario`` that set something (:func:`_found`)."""
    return _found(scenario).setting


def scenario_baseline(
    controller: Any,
    project_id: str,
    criterion_id: str,
    overrides: dict[CellKey, CellOverride] | None = None,
) -> str | None:
    """'Scenario “X” sets this cell (baseline L 4 × I 4)' when the open scenario overrides the
    cell, else None (the words every view's tooltip uses).

    An override that sets the red line names the cell's own one in the baseline ("baseline
    L 2 × I 2, red line “Forced labour”"), so lifting it does not read as a change of nothing.
    One that gives the baseline's own values says so, as the memo counts it ("restates the
    baseline"). A scenario lifts only the red line set on the cell: where one from the
    criterion's rule or a screening hit still stands, the words say that it stays.

    ``overrides``: the open scenario's, as :func:`overrides_of` gives them, from a view that
    keeps them (finding them again reads every override of the scenario, for each cell)."""
    document = controller.document
    scenario_id = controller.scenario_id
    if overrides is None:
        overrides = overrides_of(document, scenario_id)
    override = overrides.get((project_id, criterion_id))
    if override is None:
        return None
    name = next((s.name for s in document.scenarios if s.id == scenario_id), scenario_id)
    cell = document.cell(project_id, criterion_id)
    baseline = baseline_text(cell)
    if override.red_line is not None:
        if cell is not None and cell.red_line:
            reason = " ".join(cell.red_line_reason.split())
            baseline += f", red line “{reason}”" if reason else ", red line"
        else:
            baseline += ", no red line set on the cell"
    if override_changes(cell, override):
        text = f"Scenario “{name}” sets this cell (baseline {baseline})"
    else:
        text = f"Scenario “{name}” restates this cell's baseline ({baseline}): it changes nothing"
    if override.red_line is False and _red_under_scenario(controller, project_id, criterion_id):
        text += "; the red line from the criterion's rule or a screening hit stays"
    return text


def _red_under_scenario(controller: Any, project_id: str, criterion_id: str) -> bool:
    """Whether the cell is a red line in the open scenario's score."""
    result = controller.result
    try:
        row = result.matrix.project_ids.index(project_id)
        column = result.matrix.criterion_ids.index(criterion_id)
    except ValueError:
        return False
    return bool(result.red_line[row, column])


def plain_scores(changes: dict[str, Any]) -> bool:
    """Whether ``changes`` set only a scenario's likelihood or impact, each a whole number
    1–5 or None, which an override takes as they are (anything else is checked in full)."""
    for name, value in changes.items():
        if name not in SCENARIO_SCORE_FIELDS:
            return False
        if value is not None and (value.__class__ is not int or not 1 <= value <= 5):
            return False
    return True


def baseline_text(cell: Cell | None) -> str:
    """A cell's baseline scores as the views name them: "L 4 × I 4", or "unassessed"."""
    if cell is None or not (cell.likelihood or cell.impact):
        return "unassessed"
    return scores_text(cell.likelihood, cell.impact)


def score_text(score: float | None) -> str:
    """One score as the views print it: "4", or "–" when not set (None or NaN)."""
    return "–" if score is None or score != score else str(int(score))


def scores_text(likelihood: float | None, impact: float | None) -> str:
    """ "L 4 × I 4", with "–" for a score not set (None or NaN): "L 3 × I –"."""
    return f"L {score_text(likelihood)} × I {score_text(impact)}"


def half_scored_text(likelihood: float, impact: float) -> str:
    """What every view says of a cell with one score set: "L 3 × I –: not assessed until both
    are set" (it counts nowhere, as the memo's "3×– not assessed" says)."""
    return f"{scores_text(likelihood, impact)}: not assessed until both are set"


def weight_changes(document: Assessment, scenario: Scenario) -> tuple[int, int]:
    """How many weights the scenario changes, and how many of its weights restate the
    baseline's: counted apart, as the memo counts them."""
    weights = {criterion.id: criterion.weight for criterion in document.criteria}
    restated = sum(1 for cid, w in scenario.weight_overrides.items() if weights.get(cid) == w)
    return len(scenario.weight_overrides) - restated, restated


def cell_changes(document: Assessment, scenario: Scenario) -> tuple[int, int]:
    """How many cells the scenario changes (an override left blank sets none), and how many
    of its overrides restate the baseline's values: counted apart, as the memo counts them."""
    changed = restated = 0
    for (project_id, criterion_id), override in scenario.overrides_by_cell().items():
        if sets_nothing(override):
            continue
        if override_changes(document.cell(project_id, criterion_id), override):
            changed += 1
        else:
            restated += 1
    return changed, restated


class ScenarioEdits(ControllerPart):
    """Scores and weights typed under a scenario become the scenario's overrides."""

    _document: Assessment
    _scenario_id: str | None
    _selection: tuple[str | None, str | None]

    def _cell_label(self, project_id: str, criterion_id: str) -> str:
        raise NotImplementedError

    def scenario_override(self, project_id: str, criterion_id: str) -> CellOverride | None:
        """The open scenario's override of a cell (None under the baseline or without one)."""
        return overrides_of(self._document, self._scenario_id).get((project_id, criterion_id))

    @property
    def open_scenario(self) -> Scenario | None:
        """The scenario the views show, or None for the baseline."""
        found = self._scenario() if self._scenario_id is not None else None
        return found[1] if found is not None else None

    def _scenario(self, scenario_id: str | None = None) -> tuple[int, Scenario] | None:
        """The open scenario (or the one with ``scenario_id``) and its position."""
        wanted = scenario_id or self._scenario_id
        for position, scenario in enumerate(self._document.scenarios):
            if scenario.id == wanted:
                return position, scenario
        return None

    def edit_scenario_scores(
        self,
        keys: list[CellKey],
        changes: dict[str, Any],
        text: str | None = None,
        each: dict[CellKey, dict[str, Any]] | None = None,
    ) -> bool:
        """Set likelihood/impact (and, where the scenario sets it, the red line and its
        reason) of these cells in the open scenario's overrides (one step); with ``each``,
        each cell's own changes (a pasted block) instead of the same ``changes`` for all."""
        found = self._scenario()
        if found is None:
            return self._refuse("no scenario is selected: scores are edited in the baseline")
        ranges = [
            name
            for cell_changes in (each.values() if each is not None else [changes])
            for name in cell_changes
            if name in RANGE_FIELDS
        ]
        if ranges:
            return self._refuse(
                f"scenario “{found[1].name}” gives one value per cell, so it has no range: "
                "select Baseline to change the range"
            )
        position, scenario = found
        existing = _found(scenario).by_cell
        project_ids = {p.id for p in self._document.projects}
        criterion_ids = {c.id for c in self._document.criteria}
        updated = dict(existing)
        for project_id, criterion_id in keys:
            if project_id not in project_ids or criterion_id not in criterion_ids:
                return self._refuse(f"cell '{project_id}' / '{criterion_id}' does not exist")
            old = existing.get((project_id, criterion_id))
            if each is not None:
                changes = each[(project_id, criterion_id)]
            cleared = [n for n in SCENARIO_SCORE_FIELDS if n in changes and changes[n] is None]
            if cleared and (old is None or all(getattr(old, n) is None for n in cleared)):
                # Blank under a scenario takes the baseline's value: on a cell whose score
                # the scenario does not set, that would be no change at all, silently.
                where = self._cell_label(project_id, criterion_id)
                return self._refuse(
                    f"{where}: scenario “{scenario.name}” cannot leave the {cleared[0]} "
                    "unassessed; blank takes the baseline's value. Select Baseline to clear it"
                )
            if plain_scores(changes):
                # Only scores known good change: the rest of the override was checked when
                # it was made (a score set on a whole 2,000 × 40 matrix checked 80,000).
                if old is not None:
                    new = old.model_copy(update=changes)
                else:
                    new = CellOverride.model_construct(
                        project=project_id, criterion=criterion_id, **changes
                    )
            else:
                data: dict[str, Any] = (
                    old.model_dump()
                    if old is not None
                    else {"project": project_id, "criterion": criterion_id}
                )
                data.update({name: changes[name] for name in _OVERRIDE_FIELDS if name in changes})
                if "red_line" in changes and changes["red_line"] is not True:
                    # A reason goes with the red line it argues, as in Editors → Scenarios.
                    data["red_line_reason"] = None
                try:
                    new = CellOverride.model_validate(data)
                except ValidationError as error:
                    where = self._cell_label(project_id, criterion_id)
                    return self._refuse(f"{where}: {describe_validation_error(error, data)}")
            if sets_nothing(new):  # its note goes with it (Undo brings both back)
                updated.pop((project_id, criterion_id), None)
            else:
                updated[(project_id, criterion_id)] = new
        if updated == existing:
            return True
        if text is None:
            label = self._cell_label(*keys[0]) if len(keys) == 1 else f"{len(keys):,} cells"
            fields = ", ".join(
                name.replace("_", " ") for name in _OVERRIDE_FIELDS if name in changes
            )
            text = f"Edit {fields} of {label} in scenario {scenario.name}"
        return self._set_overrides(position, scenario, updated, text, keys)

    def clear_scenario_overrides(self, keys: list[CellKey]) -> bool:
        """Remove the open scenario's overrides of these cells: they show the baseline again."""
        found = self._scenario()
        if found is None:
            return self._refuse("no scenario is selected")
        position, scenario = found
        existing = _found(scenario).by_cell
        cleared = set(keys)
        updated = {key: value for key, value in existing.items() if key not in cleared}
        if updated == existing:
            return self._refuse(
                f"scenario “{scenario.name}” does not override the selected cell"
                + ("s" if len(keys) > 1 else "")
                + ": select Baseline to clear cells"
            )
        count = len(existing) - len(updated)
        text = f"Clear {count:,} override{'s' if count != 1 else ''} of scenario {scenario.name}"
        return self._set_overrides(position, scenario, updated, text, keys)

    def _set_overrides(
        self,
        position: int,
        scenario: Scenario,
        overrides: dict[CellKey, CellOverride],
        text: str,
        keys: list[CellKey],
    ) -> bool:
        """``overrides``: the scenario's by cell as :func:`_found` gives them, copied and
        edited (changed in place, removed, new ones added), so in the scenario's order, one
        per cell, new ones last."""
        new_list = list(overrides.values())
        selected = self._selection
        cell = next((key for key in keys if key == selected), keys[0] if keys else None)
        place = Place(scenario.id, cell)
        # No other cell's override differs: rescored and repainted as a baseline cell edit is.
        cells = list(dict.fromkeys(keys))
        update = {"cell_overrides": new_list}
        return self._set_scenario(position, update, text, place, cells, overrides)

    def _set_scenario(
        self,
        position: int,
        update: dict[str, Any],
        text: str,
        place: Place,
        cells: list[CellKey] | None = None,
        by_cell: dict[CellKey, CellOverride] | None = None,
    ) -> bool:
        scenarios = list(self._document.scenarios)
        edited = scenarios[position]
        scenarios[position] = edited.model_copy(update=update)
        if by_cell is not None:  # its overrides, one per cell: not read again by the views
            start = None if cells is None else (_found(edited), cells)
            _found(scenarios[position], by_cell, start)
        before = {"scenarios": self._document.scenarios}
        self._push_state(text, before, {"scenarios": scenarios}, place, cells=cells)
        return True

    def edit_scenario_weight(
        self, criterion_id: str, weight: Any, scenario_id: str | None = None
    ) -> bool:
        """Set the open scenario's (or ``scenario_id``'s) weight of a criterion (None or blank:
        its override goes and the baseline weight counts again); one undo step."""
        found = self._scenario(scenario_id)
        if found is None:
            return self._refuse("no scenario is selected: weights are edited in the baseline")
        position, scenario = found
        try:
            name = self._document.criterion(criterion_id).name
        except KeyError:
            return self._refuse(f"criterion '{criterion_id}' does not exist")
        weights = dict(scenario.weight_overrides)
        if weight is None or (isinstance(weight, str) and not weight.strip()):
            if criterion_id not in weights:
                return True
            del weights[criterion_id]
            text = f"Use the baseline weight of {name} in scenario {scenario.name}"
        else:
            try:
                value = read_weight(weight) if isinstance(weight, str) else float(weight)
            except (TypeError, ValueError) as error:
                return self._refuse(f"the weight of “{name}”: {error}")
            problem = weight_problem(value)
            if problem:
                return self._refuse(
                    f"the weight of “{name}” in scenario “{scenario.name}”: {problem}"
                )
            if weights.get(criterion_id) == value:
                return True
            weights[criterion_id] = value
            text = f"Set the weight of {name} to {plain_number(value)} in scenario {scenario.name}"
        # Undone or redone, the scenario is shown, and selected in its editor.
        place = Place(scenario.id, item=("scenario", frozenset({scenario.id})))
        return self._set_scenario(position, {"weight_overrides": weights}, text, place)

    def weight_in_view(self, criterion_id: str) -> tuple[float, bool]:
        """(the weight of a criterion in force in the view, whether the open scenario sets it)."""
        baseline = self._document.criterion(criterion_id).weight
        found = self._scenario()
        if found is None or criterion_id not in found[1].weight_overrides:
            return baseline, False
        return found[1].weight_overrides[criterion_id], True
