"""io/rfp"""
