"""The sell screen package: scan, search, cart, pay (cash / card / VietQR / split), returns,
void, hold/recall, customer display. Entry point: :class:`pos_app.ui.sell.screen.SellScreen`."""
