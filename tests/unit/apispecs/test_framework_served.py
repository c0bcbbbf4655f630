"""An API framework listed in a manifest is a sign of an API only when the code gives it a server
(issue 9): NestJS run as a command-line tool (nest-commander) serves no API. Fixtures are
modelled on the real files."""

from __future__ import annotations

import json
import typing as t

from scanner.apispecs import served
from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan_snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import api_facts

# DNUM-SocialGouv/1j1s-etl: package.json lists @nestjs/core and @nestjs/platform-express, the
# only application boots with nest-commander's CommandFactory.run, its jobs are SubCommands.
ETL_PACKAGE = json.dumps({"name": "1j1s-etl", "dependencies": {
    "@nestjs/common": "^10.0.0", "@nestjs/core": "^10.0.0",
    "@nestjs/platform-express": "^10.0.0", "nest-commander": "^3.0.0"}})
ETL_NEST_CLI = json.dumps({"monorepo": True, "root": "apps/cli", "projects": {"cli": {
    "type": "application", "root": "apps/cli", "entryFile": "main"}}})
ETL_MAIN = """import { CommandFactory } from "nest-commander";

import { CliModule } from "@cli/src/cli.module";

async function bootstrap(): Promise<void> {
  await CommandFactory.run(CliModule, ["error"]);
}

bootstrap().catch((e) => console.error(e));
"""
ETL_COMMAND = """import { Command, CommandRunner, SubCommand } from "nest-commander";

@SubCommand({ name: "extract", arguments: "<flow>" })
export class ExtraireStagesSubCommand extends CommandRunner {
  async run(params: string[]): Promise<void> {
    await this.extraireStages.executer(params[0]);
  }
}
"""
# A Nest HTTP API (France-Travail/pass-emploi-connect's bootstrap) and a controller.
API_MAIN = """import { NestFactory } from '@nestjs/core'
import { AppModule } from './app.module'

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule)
  await app.listen(3000, '0.0.0.0')
}
bootstrap()
"""
API_CONTROLLER = """import { Controller, Get } from '@nestjs/common'

@Controller('health')
export class HealthController {
  @Get()
  check(): string { return 'ok' }
}
"""


def _etl(**extra: str) -> dict[str, str]:
    return {"package.json": ETL_PACKAGE, "nest-cli.json": ETL_NEST_CLI,
            "apps/cli/src/main.ts": ETL_MAIN,
            "apps/stages/infrastructure/sub-command/extraire-stages.sub-command.ts": ETL_COMMAND,
            **extra}


def _finding(files: dict[str, str]) -> dict[str, t.Any]:
    card = scan_snapshot(snapshot_from_files(files, name="repo"),
                         ScanOptions(targets=[], ruleset=load_ruleset([])))
    return next(f for f in card["findings"] if f["rule"] == "api-description-published")


def test_nest_run_as_a_command_line_tool_shows_no_api() -> None:
    api = api_facts(_etl())
    (nest,) = [f for f in api["frameworks"] if f["name"] == "NestJS"]
    assert nest["no_server"]["reason"] == "cli"
    assert api["exposes"] is None
    summary = str(api["summary"])
    assert ("NestJS (package.json), run without a web server (apps/cli/src/main.ts:6 "
            "`CommandFactory.run`; no controller, NestFactory.create or listen() in the 2 source "
            "files read of the root package): serves no API") in summary
    assert "lancé sans serveur web (apps/cli/src/main.ts:6" in str(api["summary_fr"])
    finding = _finding(_etl())
    assert finding["status"] == "not_applicable"
    assert "run without a web server" in finding["message"]


def test_nest_application_context_without_a_server_shows_no_api() -> None:
    main = ETL_MAIN.replace('import { CommandFactory } from "nest-commander";',
                            "import { NestFactory } from '@nestjs/core';").replace(
        'await CommandFactory.run(CliModule, ["error"]);',
        "const app = await NestFactory.createApplicationContext(CliModule);")
    nest = next(f for f in api_facts(_etl(**{"apps/cli/src/main.ts": main}))["frameworks"]
                if f["name"] == "NestJS")
    assert nest["no_server"]["reason"] == "cli"
    assert "`NestFactory.createApplicationContext`" in nest["no_server"]["detail"]


def test_a_nest_http_api_still_shows_an_api() -> None:
    """Negative: NestFactory.create and listen(), or a controller anywhere read, is a server."""
    for extra in ({"apps/cli/src/main.ts": API_MAIN},
                  {"apps/api/src/health.controller.ts": API_CONTROLLER},
                  {"apps/api/src/server.ts": API_MAIN}):
        api = api_facts(_etl(**extra))
        nest = next(f for f in api["frameworks"] if f["name"] == "NestJS")
        assert "no_server" not in nest, extra
        assert api["exposes"] is True and api["confidence"] == "high", extra
        assert _finding(_etl(**extra))["status"] == "fail", extra


def test_a_commented_out_server_is_no_server() -> None:
    commented = "\n".join("// " + line for line in API_MAIN.splitlines())
    api = api_facts(_etl(**{"apps/cli/src/legacy.ts": commented}))
    assert next(f for f in api["frameworks"] if f["name"] == "NestJS")["no_server"]


def test_no_bootstrap_and_every_source_read_is_absent() -> None:
    files = _etl()
    del files["apps/cli/src/main.ts"]
    nest = next(f for f in api_facts(files)["frameworks"] if f["name"] == "NestJS")
    assert nest["no_server"]["reason"] == "absent"
    assert "in any of the 1 source files of the root package" in nest["no_server"]["detail"]


def test_more_sources_than_read_without_a_bootstrap_is_a_review() -> None:
    """civiscan cannot say there is no server in files it did not read: a person checks."""
    files = _etl()
    files["apps/cli/src/main.ts"] = "export const version = '1';\n"
    for number in range(30):
        files[f"apps/stages/src/job{number}.ts"] = ETL_COMMAND
    api = api_facts(files)
    nest = next(f for f in api["frameworks"] if f["name"] == "NestJS")
    assert nest["no_server"]["reason"] == "unsure"
    assert api["exposes"] is True and api["confidence"] == "low"
    assert _finding(files)["status"] == "review"


def test_what_decides_nothing_keeps_todays_verdict() -> None:
    unread = ["nest-cli.json", "apps/cli/src/main.ts"]
    assert served.status("NestJS", unread, lambda path: None) is None  # a file not read
    files = _etl()
    del files["nest-cli.json"]  # not a Nest CLI project: nothing is read
    api = api_facts(files)
    assert "no_server" not in next(f for f in api["frameworks"] if f["name"] == "NestJS")
    assert api["exposes"] is True
    assert served.status("Express", sorted(_etl()), lambda path: ETL_MAIN) is None  # unchecked
