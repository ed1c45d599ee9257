"""autoexports — rankings, milestones and EV attribution of national vehicle exports.

A ctypes binding of libautoexports. Quick start:

>>> import autoexports
>>> autoexports.rank([30, 20, 20, 10], method="min", ascending=False)
[1.0, 2.0, 2.0, 4.0]
"""

from ._destinations import *  # noqa: F401,F403  (destination markets, issue 19; names in its __all__)
from ._explain import (
    ChangeExplanation,
    GapExplanation,
    OvertakeExplanation,
    SeriesProjection,
    explain_change,
    explain_gap,
    explain_overtake,
    project_series,
)
from ._ffi import ABI_VERSION, AutoExportsError, InvalidArgumentError, LibraryNotFoundError, lib, library_path
from ._league import LeagueTableWarning, league_table
from ._milestones import CoverageNote, Milestone, MilestoneList, milestones
from ._overtakes import OvertakeEvents, count_overtakes, count_overtakes_in_grid, overtakes, overtakes_in_grid
from ._panel import (
    ImportFailed,
    ImportReport,
    Panel,
    Rejection,
    SeriesInfo,
    period_code,
    period_text,
    read_csv,
    resolve_exporter,
)
from ._projection import Crossover, Forecast, TrendFit, fit_trend, project_crossover
from ._ranking import cume_dist, percent_rank, rank, rank_groups
from ._registry import registry
from ._report import ReportError, report
from ._spreadsheet import Range, percentrank_exc, percentrank_inc, rank_avg, rank_eq

__version__ = "0.1.0"


def version() -> str:
    """The loaded library's version string."""
    text: bytes = lib().aex_version_string()
    return text.decode()


__all__ = [
    "rank",
    "report",
    "ReportError",
    "registry",
    "version",
    "AutoExportsError",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "ABI_VERSION",
    "library_path",
    "lib",
    "Panel",
    "SeriesInfo",
    "period_code",
    "resolve_exporter",
    "read_csv",
    "ImportFailed",
    "ImportReport",
    "Rejection",
    "period_text",
    # Ranking
    "rank_groups",
    "percent_rank",
    "cume_dist",
    "rank_eq",
    "rank_avg",
    "percentrank_inc",
    "percentrank_exc",
    "Range",
    # Milestones
    "overtakes",
    "count_overtakes",
    "overtakes_in_grid",
    "count_overtakes_in_grid",
    "OvertakeEvents",
    "milestones",
    "Milestone",
    "MilestoneList",
    "CoverageNote",
    # Projection
    "fit_trend",
    "project_crossover",
    "TrendFit",
    "Forecast",
    "Crossover",
    # Explain
    "explain_change",
    "explain_gap",
    "explain_overtake",
    "project_series",
    "ChangeExplanation",
    "GapExplanation",
    "OvertakeExplanation",
    "SeriesProjection",
    # League tables
    "league_table",
    "LeagueTableWarning",
]
