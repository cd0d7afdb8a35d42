"""Accounts are removed by marking them, never deleted, and every change of one is audited.

`users.removed_at` marks a removed account; `users.session_key` is held by its sessions and renewed
on removal and on adding the account again (every account gets one here, so whoever was signed in
before this migration signs in once more). `account_changes` is the audit list of accounts.

Revision ID: 0014
Revises: 0013
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('session_key', sa.String(length=64), nullable=True))
    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('session_key', sa.String()))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(users.update().where(users.c.id == user_id).values(session_key=secrets.token_urlsafe(32)))
    with op.batch_alter_table('users') as batch:
        batch.alter_column('session_key', existing_type=sa.String(length=64), nullable=False)
    op.create_table(
        'account_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('email', sa.String(length=320), nullable=False),
        sa.Column('before', sa.JSON(), nullable=True),
        sa.Column('after', sa.JSON(), nullable=False),
        sa.Column('why', sa.Text(), nullable=False),
        sa.Column('by', sa.String(length=320), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_account_changes_email', 'account_changes', ['email'])


def downgrade() -> None:
    op.drop_index('ix_account_changes_email', table_name='account_changes')
    op.drop_table('account_changes')
    op.execute("DELETE FROM users WHERE removed_at IS NOT NULL")  # before 0014 a removed account had no row
    with op.batch_alter_table('users') as batch:
        batch.drop_column('session_key')
        batch.drop_column('removed_at')
