"""Project files are trusted only where git would trust a repository, and templates run in Jinja's sandbox.

Every profile and template here is a FICTIONAL fixture made for the test (or the shipped examples).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefgen.data.project import find_project

from .helpers import run_cli, write_tree

TOML = 'out = "out"\nprofiles = "profiles"\n'
CEILINGS = "BRIEFGEN_CEILING_DIRECTORIES"


def _project(folder: Path) -> Path:
    write_tree(folder, {"briefgen.toml": TOML, "profiles/.keep": ""})
    return folder / "briefgen.toml"


@pytest.fixture()
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("BRIEFGEN_"):
            monkeypatch.delenv(name)
    return monkeypatch


# ---- where the search for briefgen.toml stops ------------------------------------------------------


def test_search_examines_home_but_never_above_it(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    _project(tmp_path / "shared")  # a toml planted in a parent of the user's home
    home = tmp_path / "shared" / "home"
    (home / "work").mkdir(parents=True)
    clean_env.setenv("HOME", str(home))
    assert find_project(home / "work") is None
    clean_env.chdir(home / "work")
    code, out, err = run_cli("list")
    assert code == 0, err
    assert out.splitlines()[0].endswith("(shipped examples)"), out
    # The home itself is examined.
    mine = _project(home)
    found = find_project(home / "work")
    assert found is not None and found.config == mine


def test_search_never_enters_a_ceiling_folder(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    _project(tmp_path / "top")
    start = tmp_path / "top" / "mid" / "here"
    start.mkdir(parents=True)
    clean_env.setenv("HOME", "/nonexistent-home")
    found = find_project(start)
    assert found is not None and found.config == tmp_path / "top" / "briefgen.toml"
    clean_env.setenv(CEILINGS, os.pathsep.join(["relative/ignored", str(tmp_path / "top")]))
    assert find_project(start) is None
    clean_env.setenv(CEILINGS, str(tmp_path / "top" / "mid"))
    assert find_project(start) is None
    # The start folder itself is always examined, even when it is a ceiling.
    _project(start)
    clean_env.setenv(CEILINGS, str(start))
    found = find_project(start)
    assert found is not None and found.config == start / "briefgen.toml"


def test_search_stops_at_a_file_system_boundary(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    _project(tmp_path / "disk")
    mounted = tmp_path / "disk" / "mnt"  # stands for the root of another file system mounted here
    (mounted / "work").mkdir(parents=True)
    clean_env.setenv("HOME", "/nonexistent-home")
    real_stat = Path.stat

    def stat_with_a_mount(self: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        info = real_stat(self, follow_symlinks=follow_symlinks)
        if self == mounted or mounted in self.parents:
            fields = list(info)
            fields[stat.ST_DEV] = info.st_dev + 1
            return os.stat_result(fields)
        return info

    assert find_project(mounted / "work") is not None  # the same device: found
    clean_env.setattr(Path, "stat", stat_with_a_mount)
    assert find_project(mounted / "work") is None
    from briefgen.data.project import search_folders

    assert search_folders(mounted / "work") == [mounted / "work", mounted]  # the mount's root is examined


# ---- who may own and write the toml ------------------------------------------------------------------


def _stat(mode: int, uid: int) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 1, uid, 0, 0, 0, 0, 0))


ME = 424242
"""A uid no account has, so that messages show it as a number."""


@pytest.mark.parametrize(
    ("mode", "owner", "expected"),
    [
        (stat.S_IFREG | 0o644, ME, ""),
        (stat.S_IFREG | 0o600, ME, ""),
        (stat.S_IFDIR | 0o755, ME, ""),
        (stat.S_IFREG | 0o644, ME + 1, f"belongs to another user (uid {ME + 1})"),
        (stat.S_IFDIR | 0o755, ME + 2, f"belongs to another user (uid {ME + 2})"),
        (stat.S_IFREG | 0o664, ME, "its group can write to this project settings (mode 0664)"),
        (stat.S_IFREG | 0o646, ME, "others can write to this project settings (mode 0646)"),
        (stat.S_IFDIR | 0o1777, ME, "others can write to this project folder (mode 1777)"),
    ],
)
def test_toml_and_folder_must_be_the_users_alone(mode: int, owner: int, expected: str) -> None:
    # The rule is a function of the stat result and the uid, so any owner can be tried without root.
    from briefgen.data.project import untrusted

    why = untrusted(Path("/p/briefgen.toml"), _stat(mode, owner), ME)
    if not expected:
        assert why == ""
        return
    assert why.startswith("/p/briefgen.toml: refused: ") and expected in why, why
    assert (f"chown {ME} /p/briefgen.toml" if "another user" in expected else "chmod go-w /p/briefgen.toml") in why


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_toml_of_another_user_is_refused_unless_that_user_ran_sudo(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path / "desk")
    os.chown(config, ME, ME)
    clean_env.chdir(config.parent)
    clean_env.delenv("SUDO_UID", raising=False)
    code, _, err = run_cli("list")
    assert code == 2
    assert err.splitlines() == [
        f"error: {config}: refused: this project settings belongs to another user (uid {ME}), and {config} decides "
        f"which templates run and where files are written; if you trust it, make it yours ('chown root {config}'), "
        "else run briefgen outside it or add its folder to $BRIEFGEN_CEILING_DIRECTORIES"
    ]
    os.chown(config.parent, ME, ME)
    clean_env.setenv("SUDO_UID", str(ME))  # root through sudo trusts the files of who ran sudo, as git does
    code, out, err = run_cli("list")
    assert code == 0, err
    assert f"(project {config})" in out.splitlines()[0]


@pytest.mark.parametrize("which", ["toml", "folder"])
def test_a_toml_others_can_write_is_refused_with_what_to_do(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, which: str
) -> None:
    config = _project(tmp_path / "desk")
    target = config if which == "toml" else config.parent
    target.chmod(0o666 if which == "toml" else 0o777)
    clean_env.chdir(config.parent / "profiles")
    code, out, err = run_cli("list")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: {target}: refused: others can write to this project {'settings' if which == 'toml' else 'folder'} "
        f"(mode 0{'666' if which == 'toml' else '777'}), so anyone there could change which templates run; "
        f"make it yours alone ('chmod go-w {target}')"
    ]


def test_another_owner_is_refused_through_the_cli(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "desk")
    clean_env.setattr(os, "geteuid", lambda: os.stat(config).st_uid + 1)
    clean_env.chdir(config.parent)
    code, _, err = run_cli("build", "japan", "--format", "md")
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith(f"error: {config}: refused: this project settings belongs to another user"), line


def test_init_makes_a_project_that_is_trusted_under_umask_002(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    old = os.umask(0o002)
    try:
        code, _, err = run_cli("init", tmp_path / "desk")
    finally:
        os.umask(old)
    assert code == 0, err
    clean_env.chdir(tmp_path / "desk")
    code, out, err = run_cli("list")
    assert code == 0, err
    assert f"(project {tmp_path / 'desk' / 'briefgen.toml'})" in out.splitlines()[0]


def test_doctor_and_build_verbose_name_the_toml_in_use(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    from briefgen.cli.doctor import _project as doctor_project
    from briefgen.data.catalog import Places

    config = _project(tmp_path / "desk")
    (tmp_path / "desk" / "profiles" / "defaults.yaml").write_text("{}\n", encoding="utf-8")
    clean_env.chdir(tmp_path / "desk")
    assert doctor_project(Places.find()).line() == f"ok: project settings: {config}"
    code, _, err = run_cli("build", "nothing", "--verbose")
    assert code == 2
    assert err.splitlines()[0] == f"project settings: {config}"
    clean_env.chdir(tmp_path)
    clean_env.setenv("HOME", str(tmp_path))
    assert doctor_project(Places.find()).line() == (
        f"ok: no briefgen.toml in {tmp_path} up to {tmp_path}: no project settings in use"
    )


# ---- briefgen.toml values of the wrong type -----------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            "languages = [1, {a=1}]\n",
            'languages: expected a list of languages such as ["fr", "en"], got a number among them; '
            "write each language as a quoted code: fr, en, vi",
        ),
        ('languages = ["fr", {a=1}]\n', "got a table among them"),
        ('languages = [["fr"]]\n', "got an array among them"),
        ("languages = [1979-05-27]\n", "got a date or time among them"),
        ('languages = "fr"\n', 'languages: expected a list of languages such as ["fr", "en"]'),
        ("out = 1\n", "out: expected a quoted text"),
        ("marking = [true]\n", "marking: expected a quoted text"),
        ("[templates]\nx = 1\n", "templates: expected a quoted text"),
    ],
)
def test_wrong_types_in_the_toml_are_one_line_exit_2(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, toml: str, expected: str
) -> None:
    write_tree(tmp_path, {"briefgen.toml": toml, "profiles/.keep": ""})
    clean_env.chdir(tmp_path)
    code, out, err = run_cli("list")
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith(f"error: {tmp_path / 'briefgen.toml'}:1: "), line
    assert expected in line, line


# ---- templates run in Jinja's sandbox -------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SECRET = "fictional-secret-4711"
"""Put in the environment: no output may carry it."""

ESCAPES = {
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler_globals": "{{ cycler.__init__.__globals__.os.environ }}",
    "template_reference": "{{ self._TemplateReference__context }}",
    "lipsum_globals": "{{ lipsum.__globals__['os'].environ }}",
    "environ_value": "{{ joiner.__init__.__globals__['os'].environ['BRIEFGEN_TEST_SECRET'] }}",
    "namespace_globals": "{{ namespace.__init__.__globals__['os'].environ['BRIEFGEN_TEST_SECRET'] }}",
    "mutation": "{% set seen = [] %}{{ seen.append(1) }}",
}


def _template_copy(folder: Path) -> Path:
    import shutil

    shutil.copytree(REPO / "templates", folder)
    return folder


def _with_tag(templates: Path, fmt: str, tag: str) -> Path:
    """The template of ``fmt`` in ``templates`` with ``tag`` typed where the title is; the file changed."""
    import zipfile

    if fmt == "docx":
        path = templates / "briefing.docx"
        with zipfile.ZipFile(path) as archive:
            parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
        body = parts["word/document.xml"].decode("utf-8")
        assert "{{ cover.title }}" in body
        # Every place the title is drawn (the Decree 30 form has its own title paragraph), whichever one is used.
        parts["word/document.xml"] = body.replace("{{ cover.title }}", tag.replace("&", "&amp;")).encode()
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return path
    path = templates / ("briefing.md" if fmt == "md" else "briefing.html")
    text = path.read_text(encoding="utf-8")
    anchor = "<main>" if fmt in ("html", "pdf") else "# {{ cover.title }}"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + tag, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "pdf", "md", "docx"])
@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_a_template_cannot_reach_python_internals_or_the_environment(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, fmt: str, escape: str
) -> None:
    templates = _template_copy(tmp_path / "templates")
    changed = _with_tag(templates, fmt, ESCAPES[escape])
    clean_env.setenv("BRIEFGEN_TEST_SECRET", SECRET)
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        "--profiles", FIXTURES, "--templates", templates, "build", "ruritania", "--format", fmt, "--out", out
    )
    assert code == 1, (stdout, err)
    (line,) = err.splitlines()
    assert line.startswith(f"error: {changed}"), line
    assert SECRET not in err and "<class" not in err
    if escape not in ("lipsum_globals",):  # lipsum is no longer a name at all: "'lipsum' is undefined"
        assert "refused: a template runs in a sandbox and may only read the briefing's names" in line, line
    assert not (out / "ruritania" / f"briefing.{fmt}").exists()


def test_no_other_module_makes_a_jinja_environment() -> None:
    import re

    maker = re.compile(r"\b(Environment|SandboxedEnvironment|FileSystemLoader|Template)\(|jinja2\.Template\b")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "briefgen").rglob("*.py"))
        if path.name != "templating.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if maker.search(line)
    ]
    assert found == []


def test_every_renderer_environment_is_sandboxed() -> None:
    from jinja2.sandbox import SandboxedEnvironment

    from briefgen.render import html, markdown

    for env in (html._environment(REPO / "templates"), markdown._environment(REPO / "templates")):
        assert isinstance(env, SandboxedEnvironment)
        assert sorted(env.globals) == ["dict", "namespace", "range"]


# ---- template files that are links leading outside the template folder ----------------------------------


@pytest.mark.parametrize("fmt", ["html", "pdf", "md", "docx"])
@pytest.mark.parametrize("linked", ["briefing.css", "fonts/NotoSans-Regular.ttf", "blocks.html"])
def test_a_template_file_linked_from_outside_is_refused_for_every_format(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, fmt: str, linked: str
) -> None:
    templates = _template_copy(tmp_path / "templates")
    outside = tmp_path / "elsewhere" / Path(linked).name
    outside.parent.mkdir()
    (templates / linked).rename(outside)
    (templates / linked).symlink_to(outside)
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        "--profiles", FIXTURES, "--templates", templates, "build", "ruritania", "--format", fmt, "--out", out
    )
    assert code == 1, (stdout, err)
    assert err.splitlines() == [
        f"error: {templates / linked}: is a link to {outside}, outside the template folder {templates}; "
        "templates, stylesheets and fonts are read only from inside it: copy the file into the folder instead"
    ]
    assert not (out / "ruritania").exists() or not list((out / "ruritania").glob("briefing.*"))


def test_a_link_inside_the_template_folder_is_fine_and_an_include_through_a_link_is_not(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    templates = _template_copy(tmp_path / "templates")
    (templates / "style").mkdir()
    (templates / "briefing.css").rename(templates / "style" / "briefing.css")
    (templates / "briefing.css").symlink_to(templates / "style" / "briefing.css")
    out = tmp_path / "out"
    args = ("--profiles", FIXTURES, "--templates", templates, "build", "ruritania", "--format", "md,html")
    code, _, err = run_cli(*args, "--out", out)
    assert code == 0, err
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (templates / "partials").mkdir()
    (templates / "partials" / "note.md").symlink_to(secret)
    _with_tag(templates, "md", '{% include "partials/note.md" %}')
    code, _, err = run_cli(*args, "--out", out, "--force")
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith(f"error: {templates / 'partials' / 'note.md'}: is a link to {secret}, outside"), line
    assert SECRET not in (out / "ruritania" / "briefing.md").read_text(encoding="utf-8")


# ---- briefing.html stands on its own -------------------------------------------------------------------


def test_written_html_names_no_file_of_this_machine_and_the_pdf_still_embeds_the_shipped_fonts(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    import io
    import re

    from pypdf import PdfReader

    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", FIXTURES, "build", "ruritania", "--format", "html,pdf", "--out", out)
    assert code == 0, err
    html = (out / "ruritania" / "briefing.html").read_text(encoding="utf-8")
    assert "file:" not in html and str(REPO) not in html and "/templates/" not in html
    sources = re.findall(r'src: (url\("data:font/[a-z]+;base64,|local\()', html)
    assert sources and all(s.startswith("url(") for s in sources), sources  # ruritania has Japanese: both families
    assert len(html.encode()) < 1_200_000  # the CJK face cut down, not its 3.6 MB

    def fonts(pdf: bytes) -> set[str]:
        found = set()
        for page in PdfReader(io.BytesIO(pdf)).pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                found.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
        return found

    shipped = fonts((out / "ruritania" / "briefing.pdf").read_bytes())
    assert {"Briefgen-Sans", "Briefgen-Sans-Bold", "Briefgen-JP"} <= shipped, shipped  # the shipped faces' names
    # The written page alone, in a folder with nothing else, lays out with the same faces.
    import weasyprint

    alone = weasyprint.HTML(string=html, base_url=str(tmp_path / "nowhere") + "/").write_pdf()
    assert fonts(alone) == shipped
