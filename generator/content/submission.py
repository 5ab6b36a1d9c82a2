"""An applicant's PMQA 4.0 submission (content/pmqa/<applicant>.yml): the organisational profile,
per item of categories 1-6 the level claimed, its owner, explanation and documents, category 7
indicators with targets and results by fiscal year, and the improvement plan. The stories stay the
evidence; this is what an applicant writes beside them, judged like a write-up (lines, Thai).

The applicant is the file's name: a กรม, a จังหวัด or สป.มท. (an office of kind department,
province or office in content/offices.yml). Its documents are PDFs in content/pmqa/<applicant>/.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..problems import Problem, display_path
from .errors import problems_from_validation
from .registry import Registry
from .schema import Submission
from .suggest import did_you_mean
from .yamlpos import read_yaml_file

APPLICANT_KINDS = ("department", "province", "office")


@dataclass(frozen=True)
class ApplicantSubmission:
    applicant: str  # the office id
    submission: Submission
    documents_dir: Path  # content/pmqa/<applicant>/


def validate_submission(path: Path, registry: Registry | None) -> tuple[ApplicantSubmission | None, list[Problem]]:
    shown = display_path(path)
    applicant = path.stem
    problems: list[Problem] = []
    if registry is not None:
        office = registry.offices.get(applicant)
        if office is None or office.kind not in APPLICANT_KINDS:
            params = {"value": applicant, **did_you_mean(applicant, registry.offices)}
            problems.append(Problem(shown, 0, 0, "", "submission.applicant", params))
    data, positions, read_problems = read_yaml_file(path, shown)
    problems += read_problems
    if data is None:
        return None, problems
    try:
        submission = Submission.model_validate(data)
    except ValidationError as exc:
        return None, problems + problems_from_validation(exc, shown, positions, Submission)
    documents_dir = path.parent / applicant
    if problems:  # no such applicant: its documents' folder would be wrong too; one problem is enough
        return None, problems
    for code, item in submission.items.items():
        for index, document in enumerate(item.documents):
            loc = ("items", code, "documents", index, "file")
            field = f"items.{code}.documents[{index}].file"
            if not document.file.lower().endswith(".pdf"):
                params = {"value": document.file}
                problems.append(Problem(shown, *positions.locate(loc), field, "submission.not_pdf", params))
            elif not (documents_dir / document.file).is_file():
                params = {"value": document.file, "folder": display_path(documents_dir)}
                problems.append(Problem(shown, *positions.locate(loc), field, "submission.document_missing", params))
    if problems:
        return None, problems
    return ApplicantSubmission(applicant, submission, documents_dir), problems


def validate_submissions(
    paths: tuple[Path, ...], registry: Registry | None
) -> tuple[dict[str, ApplicantSubmission], list[Problem]]:
    """Every submission under content/pmqa/, by applicant."""
    found: dict[str, ApplicantSubmission] = {}
    problems: list[Problem] = []
    for path in paths:
        submission, judged = validate_submission(path, registry)
        problems += judged
        if submission is not None:
            found[submission.applicant] = submission
    return found, problems
