"""The vendor portal, the audit trail and sign-off: invitations, sealed_quotes, events,
approvals; triggers that keep ``events`` append-only on SQLite and PostgreSQL.

Revision ID: 0003_portal
Revises: 0002_jobs
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003_portal"
down_revision = "0002_jobs"

_REFUSAL = "the audit trail is append-only: an event cannot be changed or removed"


def _when(name: str, nullable: bool = True) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _project() -> sa.Column[int]:
    return sa.Column(
        "project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False, index=True
    )


def upgrade() -> None:
    """Create the four tables and the append-only triggers."""
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer, primary_key=True),
        _project(),
        sa.Column("vendor_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        _when("deadline", nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("session_hash", sa.String(64), nullable=True),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        _when("created_at", nullable=False),
        _when("claimed_at"),
        _when("revoked_at"),
        _when("opened_at"),
        sa.Column("opened_version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=True),
    )
    op.create_table(
        "sealed_quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "invitation_id",
            sa.Integer,
            sa.ForeignKey("invitations.id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("workbook", sa.LargeBinary, nullable=False),
        sa.Column("uploads", sa.Integer, nullable=False),
        _when("uploaded_at", nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        _project(),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        _when("created_at", nullable=False),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True),
        _project(),
        sa.Column(
            "version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False, index=True
        ),
        sa.Column("approved_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        _when("approved_at", nullable=False),
        sa.Column("withdrawn_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        _when("withdrawn_at"),
    )
    _append_only_triggers()


def _append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
                f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION cscost_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION cscost_events_append_only()"
        )
        op.execute(
            "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
            "FOR EACH STATEMENT EXECUTE FUNCTION cscost_events_append_only()"
        )


def downgrade() -> None:
    """Drop the triggers and the four tables."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
        op.execute("DROP TRIGGER IF EXISTS events_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_append_only ON events")
        op.execute("DROP TRIGGER IF EXISTS events_no_truncate ON events")
        op.execute("DROP FUNCTION IF EXISTS cscost_events_append_only()")
    for table in ("approvals", "events", "sealed_quotes", "invitations"):
        op.drop_table(table)
