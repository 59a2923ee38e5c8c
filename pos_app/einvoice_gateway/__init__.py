"""Reference e-invoice gateway (a stand-in for a provider / T-VAN): see server.py."""
