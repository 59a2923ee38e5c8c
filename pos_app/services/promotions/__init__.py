"""Promotions: campaign rules loaded from a file or the registry, applied to the open cart
(the amounts are the domain's, :mod:`pos_app.domain.promotions`), and what they cost."""

from pos_app.formats.campaigns import LoadResult
from pos_app.services.promotions.service import PromotionService, PromotionUse

__all__ = ["LoadResult", "PromotionService", "PromotionUse"]
