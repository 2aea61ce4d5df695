"""SQL of stock receipts and consumption."""
