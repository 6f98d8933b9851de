"""
A migration step for labels alone: verbose names, help texts, choices.

Django applies each operation of a migration to its rendered models, and
each ``AlterField`` renders again every model related to the one it
changes: the 257 label changes of 0025 took 8 s of every fresh database's
``migrate`` (the test suite migrates several), for no change of a column.
``LabelsOnly`` applies them to the project's state before its models are
rendered, so they are rendered once, when next needed. It writes nothing
to the database: ``sqlmigrate`` prints the same SQL with it as without it.

(This module's name starts with an underscore, so the migration loader
does not take it for a migration.)
"""

from django.db import migrations


class LabelsOnly(migrations.SeparateDatabaseAndState):
    def __init__(self, state_operations):
        super().__init__(state_operations=state_operations)

    def state_forwards(self, app_label, state):
        # A state whose models are not rendered records each change without
        # rendering (ProjectState.reload_model renders only rendered apps);
        # deleting the cached property is how Django lets one drop it.
        if "apps" in vars(state):
            del state.apps
        super().state_forwards(app_label, state)

    def describe(self):
        return f"Change {len(self.state_operations)} labels (no database change)"
