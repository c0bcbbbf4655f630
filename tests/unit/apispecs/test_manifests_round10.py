"""API frameworks in manifests civiscan once did not read (issue 9, audit freshJ2): a conda
``environment.yml``, dep's ``Gopkg.toml``; Rails configured API-only; and a "no framework"
message that names the manifests it is about. Fixtures are modelled on the real files."""

from __future__ import annotations

from scanner import packages
from scanner.apispecs import railsapi
from scanner.apispecs.frameworks import declared_packages, detect, manifest_paths
from tests.support import api_facts

# numerique-gouv/pseudo_api pseudo_api/environment.yml (conda export: Flask under pip:).
CONDA = """name: flair_pseudo_api
channels:
  - defaults
dependencies:
  - _libgcc_mutex=0.1=main
  - gunicorn=20.0.4=py37_0
  - conda-forge::numpy >=1.18
  - python=3.7.7=hcf32534_0_cpython
  - pip:
    - argopt==0.6.1
    - flask==1.1.2
    - uvicorn[standard]>=0.2
    - -r requirements.txt
    - git+https://github.com/example/tool.git
prefix: /home/user/anaconda3/envs/flair_pseudo_api
"""

# MTES-MCT/filharmonic-api Gopkg.toml (dep, no go.mod).
GOPKG = """[prune]
  go-tests = true
  unused-packages = true

[[constraint]]
  name = "github.com/stretchr/testify"
  version = "1.3.0"

[[constraint]]
  name = "github.com/gin-gonic/gin"
  version = "1.3.0"

[[override]]
  name = "github.com/go-chi/chi"
  version = "4.0.0"
"""

# etalab/watchdoge_apientreprise: rails new --api.
APPLICATION_RB = """require_relative 'boot'
require 'rails/all'

module WatchdogeApiEntreprise
  class Application < Rails::Application
    # Skip views, helpers and assets when generating a new resource.
    config.api_only = true

    config.autoload_paths << Rails.root.join('lib')
  end
end
"""
GEMFILE = "source 'https://rubygems.org'\ngem 'rails', '~> 5.1.4'\ngem 'pg'\n"
CONTROLLER = "class ApplicationController < ActionController::API\nend\n"


def test_conda_environment_lists_conda_and_pip_packages() -> None:
    names = packages.environment_dependencies("environment.yml", CONDA)
    assert names is not None
    assert {"flask", "gunicorn", "numpy", "python", "argopt", "uvicorn"} <= names
    assert "-libgcc-mutex" not in names  # conda's "_" packages are no PyPI package
    assert "git" not in names and "-r" not in names and "requirements.txt" not in names


def test_conda_environment_declares_flask() -> None:
    assert "pseudo_api/environment.yml" in manifest_paths(["pseudo_api/environment.yml"])
    found = detect("pseudo_api/environment.yml", CONDA)
    assert [(f["name"], f["package"]) for f in found] == [("Flask", "flask")]


def test_bad_or_foreign_environment_files_declare_nothing() -> None:
    assert packages.environment_dependencies("environment.yml", "dependencies: [flask\n") is None
    huge = "x" * (packages.MAX_MANIFEST_CHARS + 1)
    assert packages.environment_dependencies("environment.yml", huge) is None
    # A deployment "environment.yml" of settings, not a conda environment.
    assert declared_packages("environment.yml", "flask: true\nfastapi:\n  port: 80\n") == set()
    assert declared_packages("environment.yml", "dependencies:\n  flask: 1\n") == set()
    assert declared_packages("environment.yml", "- flask\n") == set()


def test_gopkg_toml_declares_gin() -> None:
    assert packages.gopkg_dependencies("Gopkg.toml", GOPKG) == {
        "github.com/stretchr/testify", "github.com/gin-gonic/gin", "github.com/go-chi/chi"}
    assert [f["name"] for f in detect("Gopkg.toml", GOPKG)] == ["Chi", "Gin"]


def test_gopkg_negatives() -> None:
    assert packages.gopkg_dependencies("Gopkg.toml", "[[constraint]\nname = 'x'") is None
    # [prune] and [metadata] names are no dependencies; Gopkg.lock is not a manifest read.
    assert detect("Gopkg.toml", '[metadata]\nname = "github.com/gin-gonic/gin"\n') == []
    assert manifest_paths(["Gopkg.lock"]) == []


def test_api_only_rails_is_an_api_framework() -> None:
    api = api_facts({"Gemfile": GEMFILE, "config/application.rb": APPLICATION_RB,
                     "app/controllers/application_controller.rb": CONTROLLER})
    assert api["exposes"] is True and api["confidence"] == "high"
    rails = next(f for f in api["frameworks"] if f["name"] == "Rails")
    assert rails["api_only"] == {"path": "config/application.rb", "line": 7,
                                 "code": "config.api_only = true"}
    assert "Rails (Gemfile), configured API-only (config/application.rb:7 " \
           "`config.api_only = true`), an API framework" in api["summary"]
    assert "configuré en API seule (config/application.rb:7" in api["summary_fr"]


def test_api_controller_alone_marks_rails_api_only() -> None:
    api = api_facts({"Gemfile": GEMFILE, "app/controllers/application_controller.rb": CONTROLLER})
    assert api["exposes"] is True
    assert "app/controllers/application_controller.rb:1" in api["summary"]


def test_api_only_config_with_a_page_controller_serves_pages() -> None:
    # betagouv/eva-serveur: config.api_only = true, then cookies, sessions and ActiveAdmin added
    # back; ApplicationController < ActionController::Base.
    api = api_facts({"Gemfile": GEMFILE, "config/application.rb": APPLICATION_RB,
                     "app/controllers/application_controller.rb":
                         "class ApplicationController < ActionController::Base\nend\n"})
    assert all("api_only" not in f for f in api["frameworks"])
    assert "Rails (Gemfile), a web framework that also serves pages" in api["summary"]


def test_rails_serving_pages_stays_a_web_framework() -> None:
    commented = APPLICATION_RB.replace("    config.api_only = true", "    # config.api_only = true")
    api = api_facts({"Gemfile": GEMFILE, "config/application.rb": commented,
                     "app/controllers/application_controller.rb":
                         "class ApplicationController < ActionController::Base\nend\n"})
    assert api["exposes"] is None
    assert "Rails (Gemfile), a web framework that also serves pages" in api["summary"]
    assert all("api_only" not in f for f in api["frameworks"])
    # api_only false, or in another application's folder: not this Rails.
    assert railsapi.api_only("config/application.rb",
                             APPLICATION_RB.replace("= true", "= false")) is None
    other = api_facts({"Gemfile": GEMFILE, "admin/Gemfile": GEMFILE,
                       "admin/config/application.rb": APPLICATION_RB})
    marked = {f["path"]: "api_only" in f for f in other["frameworks"]}
    assert marked == {"Gemfile": False, "admin/Gemfile": True}


def test_no_framework_message_names_the_manifests_read() -> None:
    api = api_facts({"pseudo_api/environment.yml": CONDA.replace("flask", "jinja2"),
                     "README.md": "# Tool\n\nA command line tool.\n"})
    assert api["exposes"] is None
    assert "API framework in the manifests read (pseudo_api/environment.yml)" in api["summary"]
    assert "framework d'API dans les manifestes lus (pseudo_api/environment.yml)" \
        in api["summary_fr"]
    assert "in a manifest," not in api["summary"]
    none = api_facts({"README.md": "# Notes\n"})
    assert "API framework (no manifest read)" in none["summary"]
    assert "framework d'API (aucun manifeste lu)" in none["summary_fr"]


def test_web_framework_only_message_names_the_manifests_read() -> None:
    api = api_facts({"pseudo_api/environment.yml": CONDA})
    assert api["exposes"] is None  # Flask alone: pages as much as an API
    assert "generating a description in the manifests read (pseudo_api/environment.yml)" \
        in api["summary"]
