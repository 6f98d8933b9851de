"""
Several ``AlterField`` steps as one: the project's state changes once, and the
models are rendered once before and once after, not again at every field.

Django applies each ``AlterField`` to its rendered models, which renders
again every model related to the changed one: a change of the history
records' user (related to every history table through ``auth.User``)
rendered the whole project once a table, over a second of every fresh
database's ``migrate``. The database changes are Django's own
(``schema_editor.alter_field``), made in the order the steps are given.

(This module's name starts with an underscore, so the migration loader
does not take it for a migration.)
"""

from django.db import migrations


class AlterFieldsAtOnce(migrations.SeparateDatabaseAndState):
    def __init__(self, state_operations):
        super().__init__(state_operations=state_operations)

    def state_forwards(self, app_label, state):
        # The changes are recorded with the state's models out of sight, so
        # that no step renders them (ProjectState.reload_model renders only
        # rendered models); then the changed models, and every model related
        # to any of them, are rendered again once, as a single step would.
        rendered = vars(state).pop("apps", None)
        super().state_forwards(app_label, state)
        if rendered is not None:
            state.apps = rendered
            changed = {
                (app_label, step.model_name_lower) for step in self.state_operations
            }
            state.reload_models(sorted(changed), delay=False)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self.alter(app_label, schema_editor, from_state.apps, to_state.apps)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.alter(app_label, schema_editor, from_state.apps, to_state.apps)

    def alter(self, app_label, schema_editor, before, after):
        # Each field is changed on its model as the whole step leaves it:
        # SQLite makes a table again from the model it is given, and from the
        # model before the step the second of two fields of one table would
        # undo the first. (Other databases read the model for its table's
        # name, and the database for what it has.)
        for step in self.state_operations:
            old = before.get_model(app_label, step.model_name)
            new = after.get_model(app_label, step.model_name)
            if self.allow_migrate_model(schema_editor.connection.alias, new):
                schema_editor.alter_field(
                    new, old._meta.get_field(step.name), new._meta.get_field(step.name)
                )

    def describe(self):
        return f"Change {len(self.state_operations)} fields at once"
