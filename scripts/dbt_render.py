#!/usr/bin/env python3
"""Render the dbt project under dbt/ into plain SQL, without dbt, for the DuckDB verification (issue 7).

Models and singular tests are rendered with a real Jinja engine and the parts of dbt's context the project uses:
ref, source, config (captured), is_incremental() (a flag), var (dbt_project.yml vars, overridable with --vars),
env_var, this, target, and the project's macros. Schema tests (unique, not_null, relationships, accepted_values)
from the models' and sources' YAML become queries that return the failing rows, as dbt compiles them.

Output, on stdout, JSON:
  {"models": [{"name", "path", "sql", "materialized", "config", "depends_on"}],   # dependency order
   "tests":  [{"name", "kind": "schema"|"singular", "sql", "depends_on"}]}

Usage: dbt_render.py [--project DIR] [--incremental] [--vars JSON] [--target-schema S] [--target-type T]
Exit codes: 0 ok, 2 usage or project error (message on stderr).
"""
import argparse
import json
import os
import re
import sys
from pathlib import Path

try:
    import jinja2
except ImportError:  # pragma: no cover - the message is the point
    sys.stderr.write("dbt_render.py needs Jinja2 3.1 (python3 -m pip install 'jinja2>=3.1').\n")
    sys.exit(2)

try:
    import yaml
except ImportError:  # PyYAML is optional: the project's YAML is simple enough for the bundled subset reader.
    yaml = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dbt_yaml  # noqa: E402  (next to this script)

REF_PATTERN = re.compile(r"""\bref\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)""")


class RenderError(Exception):
    pass


def load_yaml(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text) if yaml is not None else dbt_yaml.loads(text)


def quote(*parts):
    return ".".join('"' + p.replace('"', '""') + '"' for p in parts if p)


class Project:
    def __init__(self, root, overrides, incremental, target_schema, target_type):
        self.root = root
        self.config = load_yaml(root / "dbt_project.yml")
        self.name = self.config["name"]
        self.incremental = incremental
        self.target = {"name": "local", "type": target_type, "schema": target_schema}
        self.env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                                      extensions=["jinja2.ext.do"])
        self.vars = self._render_vars(overrides)
        self.macro_source = self._read_all(self.config.get("macro-paths", ["macros"]))
        self.sources = {}
        self.model_yaml = []
        self._read_yaml()

    # --- project files ---------------------------------------------------------------------------------------------
    def _read_all(self, folders):
        return "\n".join(p.read_text(encoding="utf-8") for f in folders for p in sorted((self.root / f).rglob("*.sql")))

    def _render_vars(self, overrides):
        values = {}
        for key, value in (self.config.get("vars") or {}).items():
            values[key] = self.env.from_string(value).render(env_var=env_var) if isinstance(value, str) else value
        values.update(overrides)
        return values

    def _read_yaml(self):
        for folder in self.config.get("model-paths", ["models"]):
            for path in sorted((self.root / folder).rglob("*.yml")):
                document = load_yaml(path) or {}
                for source in document.get("sources") or []:
                    self.sources[source["name"]] = source
                self.model_yaml.extend(document.get("models") or [])

    def model_paths(self):
        for folder in self.config.get("model-paths", ["models"]):
            for path in sorted((self.root / folder).rglob("*.sql")):
                yield path

    def folder_config(self, path):
        """dbt_project.yml `models:` configs (+key) along the model's folders, nearest folder winning."""
        node = (self.config.get("models") or {}).get(self.name) or {}
        config = {k[1:]: v for k, v in node.items() if k.startswith("+")}
        relative = path.relative_to(self.root / self.config.get("model-paths", ["models"])[0])
        for part in relative.parts[:-1]:
            node = node.get(part) or {}
            config.update({k[1:]: v for k, v in node.items() if k.startswith("+")})
        return config

    # --- rendering -------------------------------------------------------------------------------------------------
    def relation(self, name):
        return quote(self.target["schema"], name)

    def source_relation(self, source_name, table_name):
        source = self.sources.get(source_name)
        if source is None:
            raise RenderError(f"source('{source_name}', '{table_name}'): no source named '{source_name}' in the YAML")
        if not any(t["name"] == table_name for t in source.get("tables") or []):
            raise RenderError(f"source('{source_name}', '{table_name}'): the source has no table '{table_name}'")
        schema = self.render_string(source.get("schema", source_name))
        return quote(schema, table_name)

    def render_string(self, text, this=None, config=None, refs=None, materialized=None):
        refs = refs if refs is not None else set()
        config = config if config is not None else {}

        def ref(name):
            refs.add(name)
            return self.relation(name)

        def capture_config(**kwargs):
            config.update(kwargs)
            return ""

        def is_incremental():
            return self.incremental and (config.get("materialized", materialized) == "incremental")

        def var(name, default=None):
            if name in self.vars:
                return self.vars[name]
            if default is None:
                raise RenderError(f"var('{name}') is not defined in dbt_project.yml vars nor in --vars")
            return default

        context = {
            "ref": ref, "source": self.source_relation, "config": capture_config, "is_incremental": is_incremental,
            "var": var, "env_var": env_var, "this": this, "target": self.target, "return": lambda v: v,
        }
        macros = self.env.from_string(self.macro_source).make_module(context)
        context.update({k: getattr(macros, k) for k in dir(macros) if not k.startswith("_")})
        return self.env.from_string(text).render(context)

    def render_model(self, path):
        name = path.stem
        config = self.folder_config(path)
        text = path.read_text(encoding="utf-8")
        refs = set(REF_PATTERN.findall(text))
        # Render once to capture config(), then again so is_incremental() sees the final materialization.
        self.render_string(text, this=self.relation(name), config=config, refs=refs)
        sql = self.render_string(text, this=self.relation(name), config=config, refs=refs,
                                 materialized=config.get("materialized"))
        return {
            "name": name, "path": str(path.relative_to(self.root)), "sql": sql.strip() + "\n",
            "materialized": config.get("materialized", "view"), "config": config, "depends_on": sorted(refs),
        }


def env_var(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        raise RenderError(f"env_var('{name}') is not set and has no default")
    return value


def in_dependency_order(models):
    by_name = {m["name"]: m for m in models}
    ordered, state = [], {}

    def visit(name, trail):
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise RenderError("ref cycle: " + " -> ".join(trail + [name]))
        if name not in by_name:
            raise RenderError(f"ref('{name}') in {trail[-1]}: no model named '{name}'")
        state[name] = "visiting"
        for dependency in by_name[name]["depends_on"]:
            visit(dependency, trail + [name])
        state[name] = "done"
        ordered.append(by_name[name])

    for name in sorted(by_name):
        visit(name, [])
    return ordered


# --- schema tests ------------------------------------------------------------------------------------------------------
def schema_test_sql(kind, args, relation, column, project):
    if kind == "not_null":
        return f"select * from {relation} where {column} is null"
    if kind == "unique":
        return (f"select {column} as unique_field, count(*) as n_records from {relation} "
                f"where {column} is not null group by {column} having count(*) > 1")
    if kind == "relationships":
        parent = project.render_string("{{ " + args["to"] + " }}")
        field = args["field"]
        return (f"select child.{column} as from_field from {relation} as child left join {parent} as parent "
                f"on child.{column} = parent.{field} where child.{column} is not null and parent.{field} is null")
    if kind == "accepted_values":
        values = ", ".join("'" + str(v).replace("'", "''") + "'" for v in args["values"])
        return f"select {column} as value_field from {relation} where {column} is not null and {column} not in ({values})"
    raise RenderError(f"schema test '{kind}' is not supported by the renderer")


def column_tests(owner, relation, project, prefix):
    for column in owner.get("columns") or []:
        for test in column.get("tests") or column.get("data_tests") or []:
            kind, args = (test, {}) if isinstance(test, str) else next(iter(test.items()))
            sql = schema_test_sql(kind, args or {}, relation, column["name"], project)
            yield {"name": f"{prefix}{kind}_{owner['name']}_{column['name']}", "kind": "schema", "sql": sql + "\n"}


def schema_tests(project):
    tests = []
    for model in project.model_yaml:
        for test in column_tests(model, project.relation(model["name"]), project, ""):
            tests.append(dict(test, depends_on=[model["name"]]))
    for source_name, source in project.sources.items():
        for table in source.get("tables") or []:
            relation = project.source_relation(source_name, table["name"])
            for test in column_tests(table, relation, project, "source_"):
                tests.append(dict(test, name=test["name"].replace("source_", f"source_{source_name}_", 1),
                                  depends_on=[]))
    return tests


def singular_tests(project):
    tests = []
    for folder in project.config.get("test-paths", ["tests"]):
        for path in sorted((project.root / folder).rglob("*.sql")):
            refs = set()
            sql = project.render_string(path.read_text(encoding="utf-8"), refs=refs)
            tests.append({"name": path.stem, "kind": "singular", "sql": sql.strip() + "\n", "depends_on": sorted(refs)})
    return tests


def main(argv):
    default_project = Path(__file__).resolve().parent.parent / "dbt"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=default_project, help="dbt project folder (default: <repo>/dbt)")
    parser.add_argument("--incremental", action="store_true", help="is_incremental() is true for incremental models")
    parser.add_argument("--vars", default="{}", help="JSON object overriding dbt_project.yml vars, like dbt --vars")
    parser.add_argument("--target-schema", default="main", help="schema of the models (ref, this); default main")
    parser.add_argument("--target-type", default="duckdb", help="target.type seen by macros; default duckdb")
    options = parser.parse_args(argv)
    try:
        overrides = json.loads(options.vars)
        project = Project(options.project.resolve(), overrides, options.incremental, options.target_schema,
                          options.target_type)
        models = in_dependency_order([project.render_model(p) for p in project.model_paths()])
        tests = schema_tests(project) + singular_tests(project)
    except (RenderError, jinja2.TemplateError, OSError, KeyError, json.JSONDecodeError) as error:
        sys.stderr.write(f"dbt_render.py: {type(error).__name__}: {error}\n")
        return 2
    json.dump({"models": models, "tests": tests}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
