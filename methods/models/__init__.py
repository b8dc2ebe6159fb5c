from .demo import DemoMethod
from .evidence import EvidenceLevel, RatingRecord
from .pages import (
    EmbeddingItem,
    Evaluation,
    Material,
    MethodIndexPage,
    MethodPage,
    Source,
)
from .taxonomies import (
    ApproachType,
    CostBand,
    ExploitationForm,
    Organisation,
    Setting,
    TargetGroup,
)

__all__ = [
    "ApproachType",
    "CostBand",
    "DemoMethod",
    "EmbeddingItem",
    "Evaluation",
    "EvidenceLevel",
    "ExploitationForm",
    "Material",
    "MethodIndexPage",
    "MethodPage",
    "Organisation",
    "RatingRecord",
    "Setting",
    "Source",
    "TargetGroup",
]
