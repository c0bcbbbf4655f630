"""api-description-published, audits freshN1-3 (issue 9): a Koa JSON API whose routes live in a
router module, another service's GraphQL schema committed by its client, Next.js app router
``api`` folders holding a page or NextAuth's route, and graphql-ruby schema classes. Fixtures are
cut from the repositories named in the comments; the cases that must not match sit beside them."""

from __future__ import annotations

import json
import typing as t

from scanner.apispecs import apicode
from scanner.apispecs.exposure import path_evidence
from scanner.apispecs.graphqlclient import client_of
from scanner.apispecs.mounts import json_routes
from tests.support import api_facts

# fabnumdef/e-chauffeur_api: package.json (Koa, koa-body, @koa/router), app.mjs builds the app,
# routes/index.mjs mounts the CRUD routers, templates/ holds mail and SMS templates only.
KOA_PACKAGE = json.dumps({"name": "e-chauffeur_api", "private": True, "dependencies": {
    "@koa/cors": "^3.0.0", "@koa/router": "^8.0.8", "handlebars": "^4.7.3", "koa": "^2.10.0",
    "koa-body": "^4.1.1", "koa-jwt": "^3.6.0"}})
KOA_APP = """import Koa from 'koa';
import bodyParser from 'koa-body';
import jwt from 'koa-jwt';
import cors from '@koa/cors';
import routes from './routes';

const app = new Koa();
app.use(jwt({ secret: 'x', passthrough: true }));
app.use(cors({}));
app.use(bodyParser({ multipart: true }));
app.use(routes.routes());
app.use(routes.allowedMethods());

export default app;
"""
KOA_ROUTES = """import Router from '@koa/router';
import cars from './cars';
import rides from './rides';
import users from './users';

const router = new Router();

router.get('/', (ctx) => {
  ctx.body = `OK - ${config.get('version')}`;
});

router.use('/cars', cars.allowedMethods());
router.use('/cars', cars.routes());
router.use('/rides', rides.routes());
router.use('/users', users.routes());

export default router;
"""
KOA = {"package.json": KOA_PACKAGE, "app.mjs": KOA_APP, "server.mjs": "import app from './app';\n",
       "routes/index.mjs": KOA_ROUTES, "README.md": "# E-Chauffeur - API\n",
       "templates/mail/registration.fr.txt.hbs": "Bonjour {{name}}",
       "templates/sms/verification.fr.txt.hbs": "Code : {{code}}"}


def test_koa_router_module_mounted_by_a_json_app_is_an_api() -> None:
    (found,) = json_routes(list(KOA), KOA.get)
    assert found["strength"] == "strong"
    assert found["detail"] == (
        "4 route paths (health checks aside) declared from routes/index.mjs:8 (e.g. /, /cars, "
        "/rides) by a server that reads JSON requests (app.mjs:2) and serves no page")
    assert "par un serveur qui lit des requêtes JSON (app.mjs:2) et ne sert pas de page" in (
        found["detail_fr"])
    api = api_facts(KOA)
    assert (api["exposes"], api["confidence"]) == (True, "high")


def test_koa_json_answers_count_and_pages_do_not() -> None:
    answers = KOA_APP.replace("import bodyParser from 'koa-body';\n", "").replace(
        "app.use(bodyParser({ multipart: true }));\n", "app.use(async (ctx) => { ctx.body = { ok: 1 }; });\n")
    (found,) = json_routes(list(KOA), {**KOA, "app.mjs": answers}.get)
    assert "by a server that answers in JSON (app.mjs:9)" in found["detail"]
    # The app renders views (koa-views) or serves static files: its routes may be pages.
    for page in ("import views from 'koa-views';\n", "import serve from 'koa-static';\n"):
        assert json_routes(list(KOA), {**KOA, "app.mjs": page + KOA_APP}.get) == []
    # The app shows no JSON: a router alone says nothing.
    plain = KOA_APP.replace("'koa-body'", "'./parse'")
    assert json_routes(list(KOA), {**KOA, "app.mjs": plain}.get) == []
    # The JSON app is another package's: it does not vouch for this router.
    files = {"package.json": KOA_PACKAGE, "routes/index.mjs": KOA_ROUTES,
             "server/package.json": KOA_PACKAGE, "server/app.mjs": KOA_APP}
    assert json_routes(list(files), files.get) == []


def test_page_templates_still_make_the_routes_a_question() -> None:
    # Mail and SMS templates are no pages; a page template is.
    files = {**KOA, "views/index.hbs": "<html>{{title}}</html>"}
    (found,) = json_routes(list(files), files.get)
    assert found["strength"] == "weak"
    assert "beside front-end code (views/index.hbs)" in found["detail"]


# dnum-mi/ds-api-client: a client library of Démarches-Simplifiées' GraphQL API, whose schema it
# copies into src/graphql/schema.graphql for its types.
DS_PACKAGE = json.dumps({"name": "@dnum-mi/ds-api-client", "dependencies": {
    "graphql": "^16.11.0", "graphql-request": "^6.1.0"}})
DS_SCHEMA = "type Query {\n  dossier(number: Int!): Dossier!\n}\n\ntype Dossier {\n  id: ID!\n}\n"
DS = {"package.json": DS_PACKAGE, "src/graphql/schema.graphql": DS_SCHEMA,
      "src/ds-api-client.ts": "import { GraphQLClient } from 'graphql-request'\n",
      "README.md": "# ds-api-client\n\nUn DS Client GraphQL prenant en charge Node\n"}


def test_a_graphql_clients_schema_is_another_services() -> None:
    api = api_facts(DS)
    assert api["exposes"] is None
    assert api["graphql_only"] is False
    (item,) = [e for e in api["evidence"] if e["kind"] == "graphql"]
    assert item["strength"] == "none"
    assert item["detail"] == ("GraphQL schema src/graphql/schema.graphql is another service's: "
                              "package.json lists the GraphQL client graphql-request and no "
                              "GraphQL server")
    assert "is another service's" in api["summary"]
    assert "est celui d'un autre service" in api["summary_fr"]


def test_a_graphql_server_keeps_the_schema() -> None:
    for server in ("graphql-yoga", "@apollo/server", "@nestjs/graphql"):
        package = json.dumps({"dependencies": {"graphql-request": "6", server: "1"}})
        assert client_of("src/graphql/schema.graphql", {"package.json": package}) is None
    # graphql-ruby is the gem named graphql.
    assert client_of("app/graphql/schema.graphql", {
        "Gemfile": "gem 'graphql'\ngem 'graphql-client'\n"}) is None
    # A client only in development (tests) is no client; no manifest above the schema either.
    dev = json.dumps({"devDependencies": {"graphql-request": "6"}})
    assert client_of("schema.graphql", {"package.json": dev}) is None
    assert client_of("api/schema.graphql", {"front/package.json": DS_PACKAGE}) is None
    # SocialGouv/secretariat: Hasura's metadata is the repository's own GraphQL engine's.
    assert client_of("packages/hasura/metadata/actions.graphql", {"package.json": DS_PACKAGE}) is None
    assert client_of("src/graphql/schema.graphql", {"package.json": DS_PACKAGE}) is not None
    api = api_facts({**DS, "package.json": json.dumps({"dependencies": {"graphql-yoga": "5"}})})
    assert (api["exposes"], api["graphql_only"]) == (True, True)


# incubateur-ademe/roadmaps-faciles (Next.js app router): [domain]/admin/api/ is an admin page
# managing API keys, [domain]/(default)/api/ holds NextAuth's catch-all only, (default)/api/ has
# real route handlers.
APP = "apps/web/src/app"
ROADMAPS = {
    f"{APP}/[domain]/admin/api/page.tsx": "export default function Page() { return <ApiKeysList /> }",
    f"{APP}/[domain]/admin/api/ApiKeysList.tsx": "export const ApiKeysList = () => null",
    f"{APP}/[domain]/admin/api/actions.ts": '"use server";\nexport async function createApiKey() {}\n',
    f"{APP}/[domain]/(default)/api/auth/[...nextauth]/route.ts":
        'import { handlers } from "@/lib/auth";\nexport const { GET, POST } = handlers;\n',
    f"{APP}/(default)/api/otp/verify/route.ts":
        "export async function POST(req: Request) { return Response.json({}) }\n",
}


def test_next_app_router_pages_and_nextauth_are_no_api_code() -> None:
    found = {e["path"]: (e["strength"], e["detail"]) for e in path_evidence(
        list(ROADMAPS), ROADMAPS.get) if e["kind"] == "path"}
    assert found[f"{APP}/(default)/api"][0] == "weak"
    assert found[f"{APP}/[domain]/admin/api"] == ("none", (
        f"{APP}/[domain]/admin/api/ holds only a Next.js page's code (beside its page.tsx) "
        f"({APP}/[domain]/admin/api/actions.ts), no API code"))
    assert found[f"{APP}/[domain]/(default)/api"] == ("none", (
        f"{APP}/[domain]/(default)/api/ holds only NextAuth's sign-in route "
        f"({APP}/[domain]/(default)/api/auth/[...nextauth]/route.ts), no API code"))


def test_route_handlers_beside_pages_stay_api_code() -> None:
    # A route.ts is a handler even in a folder of pages; a page outside app/ is no Next.js page.
    files = {f"{APP}/api/page.tsx": "x", f"{APP}/api/keys/route.ts":
             "export async function GET() { return Response.json([]) }\n"}
    (item,) = [e for e in path_evidence(list(files), files.get) if e["kind"] == "path"]
    assert item["strength"] == "weak"
    assert apicode.classify("src/api", ["src/api/users.ts"], pages=apicode.page_dirs(
        ["src/api/page.tsx"])) is None
    # An app router catch-all that is not NextAuth's may serve an API (DISIC/teleservice-conformite
    # src/app/(payload)/api/[...slug]/route.ts: Payload CMS's REST API): it stays API code.
    kept, aside = apicode.by_name("app/api", ["app/api/[...slug]/route.ts"])
    assert (kept, aside) == (["app/api/[...slug]/route.ts"], {})
    assert apicode.by_name("pages/api", ["pages/api/auth/[...nextauth].ts"])[1] == {
        "auth": ["pages/api/auth/[...nextauth].ts"]}


GRAPHQL_RUBY = """# frozen_string_literal: true

class API::V2::Schema < GraphQL::Schema
  query Types::QueryType

  def self.resolve_type(type_definition, object, ctx)
    url = "https://example.org/#{object.id}"
  end
end
"""


def test_graphql_ruby_schema_classes_serve() -> None:
    # demarche-numerique/demarche.numerique.gouv.fr app/graphql/api/v2/schema.rb.
    files: dict[str, t.Any] = {"app/graphql/api/v2/schema.rb": GRAPHQL_RUBY}
    (item,) = path_evidence(list(files), files.get)
    assert (item["strength"], item["detail"]) == ("weak", "API code folder app/graphql/api/")
    # Without the schema class, a URL alone is code calling another service.
    files = {"app/graphql/api/v2/schema.rb": GRAPHQL_RUBY.replace("< GraphQL::Schema", "")}
    assert path_evidence(list(files), files.get)[0]["strength"] == "none"
