"""The kinds of finding: a name, a one-line description and help for each (SARIF rules, docs)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    name: str
    severity: str  # the usual severity of findings of this kind
    short: str
    help: str


KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind("placeholder", "UnfilledPlaceholder", "error", "Template text that was never filled in.",
             "A bracketed template field such as [FEATURE], [DATE] or [e.g., ...] is still in the document. "
             "Replace it with the real value, or delete the line if it does not apply."),
        Kind("clarification", "OpenClarification", "error", "An open NEEDS CLARIFICATION marker.",
             "The document asks a question that has not been answered. Answer it (and record the decision), "
             "then remove the marker."),
        Kind("token", "GeneratorToken", "error", "A generator token left in the document.",
             "Tokens such as <<FEATURE_NAME>>, $ARGUMENTS, {{spec_file}} or __SPECKIT_COMMAND_PLAN__ are "
             "filled in by a generator; one that is still there means the document was never completed."),
        Kind("residue", "TemplateResidue", "warning", "Template scaffolding left in the document.",
             "Sample table rows, [REMOVE IF UNUSED] options, example diagrams and *(mandatory)* markers "
             "belong to the template. Remove them once the section is written."),
        Kind("instruction", "InstructionComment", "warning", "An instruction comment from the template.",
             "Comments such as <!-- ACTION REQUIRED: ... --> tell the author what to do. Readers never see "
             "them; remove them when the instruction has been followed."),
        Kind("hidden", "HiddenContent", "warning", "Content that an HTML comment hides from readers.",
             "An HTML comment that is never closed, or that runs over headings and paragraphs, hides them "
             "from anyone reading the rendered page. Close the comment where it should end."),
        Kind("gate", "BlockedGate", "error", "A failing gate with no justification: the plan is BLOCKED.",
             "A Constitution Check gate fails and the Complexity Tracking table justifies no violation. "
             "Fix the design, or justify the violation in Complexity Tracking."),
        Kind("status", "StatusContradicted", "warning", "A Status field that the task list contradicts.",
             "The feature says it is done while tasks are still open, or every task is ticked while it "
             "still says Draft. Update the status or the task list."),
        Kind("trace", "TraceGap", "warning", "A requirement or story no task cites, or a broken ID.",
             "Tasks and checklist items cite the spec's IDs (FR-001, SC-002, [US1]). A requirement or story "
             "no task cites, an ID cited but never defined or defined twice, a story task without its label, "
             "or a checklist item ticked while its tasks are open. Only explicit IDs count."),
        Kind("input", "InputProblem", "warning", "A problem reading the portfolio's files.",
             "A broken link, invalid front matter, an unreadable or binary file, or another problem with "
             "the input. The message says what and where."),
    )
}  # fmt: skip
