"""io/tables"""
