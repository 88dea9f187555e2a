"""io/scenario"""
