"""Channel orders (online shops, livestream, phone): imported into pending orders that hold
their stock, picked at the counter and completed as a sale. No Qt here."""

from pos_app.services.orders.service import (
    ImportResult,
    OrderError,
    OrderLineInfo,
    OrderService,
    OrderSummary,
)

__all__ = ["ImportResult", "OrderError", "OrderLineInfo", "OrderService", "OrderSummary"]
