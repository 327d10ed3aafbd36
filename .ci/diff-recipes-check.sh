#!/usr/bin/env bash
# Checks the pull-request recipes of docs/ci.md §六 (docs/ci/zhinan-diff.github.yml and
# docs/ci/zhinan-diff.gitlab-ci.yml) as far as this machine can:
#   1. each passes check-jsonschema's built-in schema (vendor.github-workflows, vendor.gitlab-ci);
#   2. docs/ci.md shows each file verbatim;
#   3. their zhinan steps run, with this tree's zhinan on PATH, in a fixture repository of two
#      commits (the valid fixture site, then a fee and a material changed), with the variables
#      GitHub and GitLab set and stand-ins for `gh` and `curl` that record what they were asked to
#      post: the comment body must be zhinan's markdown diff of the change.
# The download and install steps are not run (no network here); nor is anything posted.
#
#   bash .ci/diff-recipes-check.sh [ZHINAN]     (default: target/debug/zhinan)
set -euo pipefail
cd "$(dirname "$0")/.."
zhinan="$(realpath "${1:-target/debug/zhinan}")"
github=docs/ci/zhinan-diff.github.yml
gitlab=docs/ci/zhinan-diff.gitlab-ci.yml
fail() { echo "diff-recipes-check: FAIL: $*" >&2; exit 1; }
step() { echo "diff-recipes-check: $*"; }

if ! command -v check-jsonschema >/dev/null 2>&1; then
  step "installing check-jsonschema (pip)"
  python3 -m pip install --quiet check-jsonschema
fi
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet pyyaml
step "check-jsonschema vendor.github-workflows $github"
check-jsonschema --builtin-schema vendor.github-workflows "$github" >/dev/null || fail "$github"
step "check-jsonschema vendor.gitlab-ci $gitlab"
check-jsonschema --builtin-schema vendor.gitlab-ci "$gitlab" >/dev/null || fail "$gitlab"

step "docs/ci.md shows both recipes verbatim"
python3 - "$github" "$gitlab" <<'EOF' || fail "docs/ci.md does not show the recipe files as they are"
import sys
doc = open("docs/ci.md", encoding="utf-8").read()
for path in sys.argv[1:]:
    if "```yaml\n" + open(path, encoding="utf-8").read() + "```" not in doc:
        sys.exit(f"{path} is not in docs/ci.md")
EOF

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/guide"
cp -r tests/fixtures/valid "$repo"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org
git -C "$repo" init -q
git -C "$repo" add -A
git -C "$repo" -c commit.gpgsign=false commit -q -m base
base="$(git -C "$repo" rev-parse HEAD)"
sed -i 's/每件 10 元/每件 15 元/' "$repo/content/items/shipin-xuke.yaml"
git -C "$repo" -c commit.gpgsign=false commit -q -a -m change

# Stand-ins that record their arguments and the body they were given.
mkdir -p "$work/bin"
cat > "$work/bin/gh" <<'EOF'
#!/usr/bin/env bash
printf '%s\n' "$@" > "$RECORD/gh.args"
while [ $# -gt 0 ]; do
  if [ "$1" = --body-file ]; then cp "$2" "$RECORD/gh.body"; fi
  shift
done
EOF
cat > "$work/bin/curl" <<'EOF'
#!/usr/bin/env bash
printf '%s\n' "$@" > "$RECORD/curl.args"
for argument in "$@"; do
  case "$argument" in body@*) cp "${argument#body@}" "$RECORD/curl.body" ;; esac
done
EOF
chmod +x "$work/bin/gh" "$work/bin/curl"
mkdir -p "$work/bin-zhinan" && ln -s "$zhinan" "$work/bin-zhinan/zhinan"
export RECORD="$work/record"
mkdir -p "$RECORD"

# The shell of the named steps or the job's script, as GitHub and GitLab would run it.
python3 - "$github" "$gitlab" "$work" <<'EOF'
import sys, yaml
github, gitlab, work = sys.argv[1:]
steps = yaml.safe_load(open(github, encoding="utf-8"))["jobs"]["diff"]["steps"]
runs = [step["run"] for step in steps if step.get("name") in ("zhinan check", "zhinan diff", "Comment on the pull request")]
assert len(runs) == 3, runs
open(f"{work}/github.sh", "w", encoding="utf-8").write("set -e\n" + "\n".join(runs))
job = yaml.safe_load(open(gitlab, encoding="utf-8"))["zhinan-diff"]
open(f"{work}/gitlab.sh", "w", encoding="utf-8").write("set -e\n" + "\n".join(job["script"]))
EOF

step "GitHub Actions: the zhinan check, zhinan diff and comment steps"
(
  cd "$repo"
  export PATH="$work/bin-zhinan:$work/bin:$PATH" RUNNER_TEMP="$work/runner" GITHUB_STEP_SUMMARY="$work/summary.md"
  export BASE_SHA="$base" GH_TOKEN=token PR=7
  mkdir -p "$RUNNER_TEMP"
  bash "$work/github.sh" >/dev/null
) || fail "the GitHub steps failed"
grep -q '每件 10 元 → 每件 15 元' "$work/summary.md" || fail "the step summary has no diff: $(cat "$work/summary.md")"
cmp -s "$RECORD/gh.body" "$work/runner/zhinan-diff.md" || fail "gh was not given the diff"
head -n 2 "$RECORD/gh.args" | tr '\n' ' ' | grep -q '^pr comment' || fail "gh was called as: $(cat "$RECORD/gh.args")"

step "GitLab CI: the zhinan-diff job's script"
(
  cd "$repo"
  export PATH="$work/bin-zhinan:$work/bin:$PATH" CI_MERGE_REQUEST_DIFF_BASE_SHA="$base"
  export ZHINAN_NOTE_TOKEN=token CI_API_V4_URL=https://gitlab.example.org/api/v4 CI_PROJECT_ID=3 CI_MERGE_REQUEST_IID=9
  bash "$work/gitlab.sh" >/dev/null
) || fail "the GitLab script failed"
grep -q '每件 10 元 → 每件 15 元' "$repo/zhinan-diff.md" || fail "zhinan-diff.md has no diff"
cmp -s "$RECORD/curl.body" "$repo/zhinan-diff.md" || fail "curl was not given the diff"
grep -qx 'https://gitlab.example.org/api/v4/projects/3/merge_requests/9/notes' "$RECORD/curl.args" \
  || fail "curl posted to: $(tail -n 1 "$RECORD/curl.args")"
step "both recipes pass"
