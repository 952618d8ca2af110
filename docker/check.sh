#!/usr/bin/env bash
# Validates docker/ without a Docker engine:
#   1. the compose file parses and resolves (`docker compose config -q`,
#      or the older `docker-compose` when the compose plugin is missing),
#      and refuses to resolve without JWT_SECRET or POSTGRES_PASSWORD,
#      plus a structural check in Node that needs neither (services, build
#      paths, depends_on, volumes, healthchecks, environment values);
#   2. every COPY/ADD source of the Dockerfile exists in the build context
#      (the repo root) and is not excluded by .dockerignore;
#   3. every `COPY --from=` names an earlier stage;
#   4. every dist/**/*.js the image runs has its .ts source in the repo;
#   5. hadolint, when installed;
#   6. GraphiQL's packages are development-only and the image runs in production.
# Usage: bash docker/check.sh   (from anywhere)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dockerfile="$here/Dockerfile"
compose="$here/compose.yaml"
ignore="$root/.dockerignore"
failures=0
pass() { printf 'ok    %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }

# --- 1. compose ------------------------------------------------------------------
# The secrets compose requires: set to throwaway values for the positive check,
# left out for the negative one (which must fail naming the variable). An empty
# env file keeps a local docker/.env out of both.
required_secrets=(JWT_SECRET POSTGRES_PASSWORD)
empty_env="$(mktemp)"
tmp=""
trap 'rm -f "$empty_env" ${tmp:+"$tmp"}' EXIT
compose_cmd=()
if docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose --env-file "$empty_env" -f "$compose")
  compose_name="docker compose"
elif command -v docker-compose >/dev/null 2>&1; then
  # docker-compose 1.x predates the top-level `name:` key; validate the rest.
  tmp="$(mktemp --suffix=.yaml)"
  sed '/^name:/d' "$compose" >"$tmp"
  compose_cmd=(docker-compose --env-file "$empty_env" --project-directory "$here" -f "$tmp")
  compose_name="docker-compose $(docker-compose version --short) (top-level name: not checked by 1.x)"
fi
if ((${#compose_cmd[@]} > 0)); then
  unset_all=()
  for v in "${required_secrets[@]}"; do unset_all+=(-u "$v"); done
  if out=$(env "${unset_all[@]}" JWT_SECRET=check-only POSTGRES_PASSWORD=check-only "${compose_cmd[@]}" config -q 2>&1); then
    pass "$compose_name config -q"
  else
    fail "$compose_name config -q: $out"
  fi
  for v in "${required_secrets[@]}"; do
    others=()
    for o in "${required_secrets[@]}"; do [[ "$o" != "$v" ]] && others+=("$o=check-only"); done
    if out=$(env "${unset_all[@]}" "${others[@]}" "${compose_cmd[@]}" config -q 2>&1); then
      fail "compose accepts a missing $v (it must refuse to start without it)"
    elif grep -q "$v must be set" <<<"$out"; then
      pass "compose refuses a missing $v, naming it"
    else
      fail "compose fails without $v but without naming it: $out"
    fi
  done
else
  printf 'skip  compose config (neither the docker compose plugin nor docker-compose is installed)\n'
fi

# Structural check with the repo's own YAML parser (js-yaml, or yaml); runs everywhere.
if out=$(cd "$root" && node - "$compose" 2>&1 <<'NODE'
const fs = require('node:fs');
const path = require('node:path');
const file = process.argv[2];
const dir = path.dirname(file);
let doc;
try {
  doc = require('js-yaml').load(fs.readFileSync(file, 'utf8'));
} catch (e) {
  if (e.code !== 'MODULE_NOT_FOUND') throw e;
  doc = require('yaml').parse(fs.readFileSync(file, 'utf8'), { merge: true });
}
const problems = [];
const top = new Set(['name', 'version', 'services', 'volumes', 'networks', 'configs', 'secrets']);
for (const k of Object.keys(doc)) if (!top.has(k) && !k.startsWith('x-')) problems.push(`unknown top-level key ${k}`);
const services = doc.services ?? {};
if (Object.keys(services).length === 0) problems.push('no services');
const volumes = new Set(Object.keys(doc.volumes ?? {}));
const conditions = ['service_started', 'service_healthy', 'service_completed_successfully'];
const text = fs.readFileSync(file, 'utf8');
for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*((:?[-?+]).*)?$/.test(m[1])) problems.push(`bad interpolation \${${m[1]}}`);
}
if (/\$\{[^}]*$/m.test(text)) problems.push('unclosed ${ in the compose file');
// Secrets have no default: each use must be ${NAME:?message naming NAME}.
for (const name of ['JWT_SECRET', 'POSTGRES_PASSWORD']) {
  const uses = [...text.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))];
  if (uses.length === 0) problems.push(`${name} is not taken from the environment`);
  for (const u of uses) {
    if (!u[1].startsWith(`:?${name} must be set`)) problems.push(`\${${name}${u[1]}} must be \${${name}:?${name} must be set ...}`);
  }
}
if (/\$\{SEED_DEMO_DATA:-(true|1|yes)/i.test(text)) problems.push('SEED_DEMO_DATA must not default to seeding');
for (const [name, svc] of Object.entries(services)) {
  const where = `services.${name}`;
  if (!svc.image && !svc.build) problems.push(`${where}: neither image nor build`);
  if (svc.build) {
    const b = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
    const ctx = path.resolve(dir, b.context ?? '.');
    if (!fs.existsSync(ctx)) problems.push(`${where}.build.context missing: ${ctx}`);
    const df = path.resolve(ctx, b.dockerfile ?? 'Dockerfile');
    if (!fs.existsSync(df)) problems.push(`${where}.build.dockerfile missing: ${df}`);
  }
  if (svc.image && !svc.build && !/[/:]|^[a-z0-9._-]+$/.test(svc.image)) problems.push(`${where}.image odd: ${svc.image}`);
  const deps = Array.isArray(svc.depends_on) ? Object.fromEntries(svc.depends_on.map((d) => [d, {}])) : (svc.depends_on ?? {});
  for (const [dep, opts] of Object.entries(deps)) {
    if (!services[dep]) problems.push(`${where}.depends_on: no service ${dep}`);
    if (opts?.condition && !conditions.includes(opts.condition)) problems.push(`${where}.depends_on.${dep}: bad condition ${opts.condition}`);
    const depHc = services[dep]?.healthcheck;
    // Without a compose healthcheck, only a built image (its HEALTHCHECK) can turn healthy.
    if (opts?.condition === 'service_healthy' && (depHc?.disable || (!depHc && !services[dep]?.build)))
      problems.push(`${where}.depends_on.${dep}: service_healthy but ${dep} has no healthcheck`);
  }
  const hc = svc.healthcheck;
  if (hc && !hc.disable) {
    const test = Array.isArray(hc.test) ? hc.test : [];
    if (typeof hc.test !== 'string' && !['CMD', 'CMD-SHELL', 'NONE'].includes(test[0])) problems.push(`${where}.healthcheck.test must start with CMD, CMD-SHELL or NONE`);
  }
  const env = svc.environment ?? {};
  if (!Array.isArray(env)) {
    for (const [k, v] of Object.entries(env)) {
      if (k === '<<') problems.push(`${where}.environment: unresolved merge key`);
      else if (v !== null && typeof v === 'object') problems.push(`${where}.environment.${k} is not a scalar`);
    }
  }
  for (const v of svc.volumes ?? []) {
    const source = typeof v === 'string' ? v.split(':')[0] : v.source;
    if (source && !/^[./~]/.test(source) && !volumes.has(source)) problems.push(`${where}.volumes: ${source} not declared under volumes`);
  }
}
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log(`${Object.keys(services).join(', ')}`);
NODE
); then
  pass "compose structure (node, no engine): $out"
else
  fail "compose structure: $out"
fi

# --- Dockerfile instructions, continuation lines joined -----------------------------
mapfile -t instructions < <(
  sed -e 's/\r$//' "$dockerfile" | awk '
    /^[[:space:]]*#/ && !cont { next }
    { line = cont ? line " " $0 : $0 }
    /\\[[:space:]]*$/ { sub(/\\[[:space:]]*$/, "", line); cont = 1; next }
    { if (line ~ /[^[:space:]]/) print line; cont = 0; line = "" }'
)

# .dockerignore patterns (no negations are used here; treat each as a bash glob).
patterns=()
if [[ -f "$ignore" ]]; then
  while IFS= read -r p; do
    p="${p%%#*}"; p="${p%"${p##*[![:space:]]}"}"
    [[ -z "$p" || "$p" == !* ]] && continue
    patterns+=("${p%/}")
  done <"$ignore"
fi
ignored() { # is $1 (a context-relative path) or one of its parents excluded?
  local path="$1" prefix="" part pat
  local IFS=/
  for part in $path; do
    prefix="${prefix:+$prefix/}$part"
    for pat in "${patterns[@]}"; do
      if [[ "$pat" == '**/'* ]]; then
        pat="${pat#'**/'}"
        # shellcheck disable=SC2053
        [[ "$prefix" == $pat || "$prefix" == */$pat ]] && return 0
      else
        # shellcheck disable=SC2053
        [[ "$prefix" == $pat ]] && return 0
      fi
    done
  done
  return 1
}

# --- 2./3. COPY and ADD -------------------------------------------------------------
stages=()
copies=0
for ins in "${instructions[@]}"; do
  read -r keyword rest <<<"$ins"
  case "${keyword^^}" in
    FROM)
      if [[ "$rest" =~ [[:space:]][Aa][Ss][[:space:]]+([A-Za-z0-9_.-]+) ]]; then stages+=("${BASH_REMATCH[1],,}"); fi
      ;;
    COPY | ADD)
      from=""
      args=()
      if [[ "$rest" =~ ^((--[^[:space:]]+[[:space:]]+)*)\[(.*)\][[:space:]]*$ ]]; then # JSON form
        flags="${BASH_REMATCH[1]}"
        mapfile -t args < <(node -e 'for (const a of JSON.parse(process.argv[1])) console.log(a)' "[${BASH_REMATCH[3]}]")
        read -r -a flagv <<<"$flags"
      else
        read -r -a words <<<"$rest"
        flagv=()
        for w in "${words[@]}"; do
          if [[ ${#args[@]} -eq 0 && "$w" == --* ]]; then flagv+=("$w"); else args+=("$w"); fi
        done
      fi
      for f in "${flagv[@]}"; do [[ "$f" == --from=* ]] && from="${f#--from=}"; done
      if ((${#args[@]} < 2)); then fail "$keyword without source and destination: $ins"; continue; fi
      srcs=("${args[@]:0:${#args[@]}-1}")
      if [[ -n "$from" ]]; then
        if printf '%s\n' "${stages[@]}" | grep -qxF "${from,,}"; then
          pass "$keyword --from=$from ${srcs[*]} (earlier stage)"
        else
          fail "$keyword --from=$from: no earlier stage named $from"
        fi
        continue
      fi
      for src in "${srcs[@]}"; do
        copies=$((copies + 1))
        rel="${src#./}"
        shopt -s nullglob dotglob
        # shellcheck disable=SC2206
        matches=($root/$rel)
        shopt -u nullglob dotglob
        if ((${#matches[@]} == 0)) || [[ ! -e "${matches[0]}" ]]; then
          fail "$keyword source missing in the build context: $src"
        elif ignored "$rel"; then
          fail "$keyword source excluded by .dockerignore: $src"
        else
          pass "$keyword source exists: $src"
        fi
      done
      ;;
  esac
done
((copies > 0)) || fail "no COPY source found in $dockerfile"

# --- 4. what the image runs was compiled from a source in the repo ------------------
mapfile -t entries < <(grep -ohE 'dist/[A-Za-z0-9_./-]+\.js' "$dockerfile" "$compose" | sort -u)
((${#entries[@]} > 0)) || fail "no dist/*.js entry point found"
for js in "${entries[@]}"; do
  ts="${js#dist/}"; ts="${ts%.js}.ts"
  if [[ -f "$root/$ts" ]]; then pass "entry point $js <- $ts"; else fail "entry point $js: no $ts"; fi
done
for f in tools/register-paths.js tsconfig.base.json; do
  grep -q "$f" "$dockerfile" && [[ -f "$root/$f" ]] && pass "runtime file $f" || fail "runtime file $f not copied or missing"
done

# --- 6. GraphiQL stays out of the image ------------------------------------------
# Its packages are development dependencies (prod-deps installs with --omit=dev)
# and the API serves it only outside production: the runtime stage must say
# NODE_ENV=production, or the API would refuse to start without them.
if out=$(cd "$root" && node -e '
  const pkg = require("./package.json");
  const bad = ["graphiql", "react", "react-dom"].filter((n) => pkg.dependencies?.[n] || !pkg.devDependencies?.[n]);
  if (bad.length) { console.log(`not development-only dependencies: ${bad.join(", ")}`); process.exit(1); }' 2>&1); then
  pass "graphiql, react, react-dom are development dependencies"
else
  fail "$out"
fi
runtime_env=$(printf '%s\n' "${instructions[@]}" | awk 'toupper($1) == "FROM" { rt = (tolower($0) ~ / as runtime$/) } rt && toupper($1) == "ENV"')
if grep -q 'NODE_ENV=production' <<<"$runtime_env" && grep -q -- '--omit=dev' "$dockerfile"; then
  pass "runtime stage sets NODE_ENV=production over an --omit=dev install (no GraphiQL)"
else
  fail "runtime stage must set NODE_ENV=production: its dependencies are installed with --omit=dev, without GraphiQL"
fi

# --- 5. hadolint ---------------------------------------------------------------------
if command -v hadolint >/dev/null 2>&1; then
  if out=$(hadolint "$dockerfile" 2>&1); then pass "hadolint"; else fail "hadolint: $out"; fi
else
  printf 'skip  hadolint (not installed)\n'
fi

if ((failures > 0)); then
  printf '\n%d check(s) failed\n' "$failures"
  exit 1
fi
printf '\nall checks passed\n'
