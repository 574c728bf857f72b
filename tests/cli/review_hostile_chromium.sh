#!/bin/sh
# A hostile templates/review.html (as a remote with push access could commit)
# rendered by kith and opened in headless Chromium: no script runs (each one
# would change the title or add an element, and --dump-dom shows neither) and
# nothing is fetched (every URL in the template points at a local HTTP
# listener, which must log no request). A control run opens the same template
# without kith's prologue and must see script run and requests arrive, so the
# test is known to detect both. Usage: review_hostile_chromium.sh KITH SOURCE_DIR
# Exits 77 (ctest: skipped) when chromium is not installed.
set -eu
kith=$1
src=$2
command -v chromium >/dev/null 2>&1 || { echo "chromium not installed: skipped"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed: skipped"; exit 77; }

tmp=$(mktemp -d)
listener=
cleanup() {
    [ -n "$listener" ] && kill "$listener" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# The listener: any free port on 127.0.0.1, one line per request in hits.log.
cat >"$tmp/listen.py" <<'EOF'
import http.server, os, sys
log = open(sys.argv[1], "a", buffering=1)
class Hit(http.server.BaseHTTPRequestHandler):
    def handle_one_request(self):
        try:
            super().handle_one_request()
        except Exception:
            pass
    def do_any(self):
        log.write(self.command + " " + self.path + "\n")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
    do_GET = do_POST = do_HEAD = do_any
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hit)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
EOF
: >"$tmp/hits.log"
python3 "$tmp/listen.py" "$tmp/hits.log" "$tmp/port" &
listener=$!
i=0
while [ ! -s "$tmp/port" ] && [ "$i" -lt 150 ]; do sleep 0.2; i=$((i + 1)); done
[ -s "$tmp/port" ] || { echo "the listener did not start"; exit 1; }
port=$(cat "$tmp/port")
url="http://127.0.0.1:$port"

cp -R "$src/sample-vault" "$tmp/vault"
mkdir -p "$tmp/vault/templates"
# Every trick kith's policy must stop: its own head and a looser policy first,
# <base>, script (inline, remote, in attributes, in javascript: URLs, in an
# iframe's srcdoc), plugins, frames, forms, remote images, CSS and media.
cat >"$tmp/vault/templates/review.html" <<EOF
<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src * 'unsafe-inline' 'unsafe-eval' data: blob:">
<base href="$url/base/">
<title>untouched</title>
<style>@import url("$url/import.css"); body { background: url("$url/background.png"); }
@font-face { font-family: x; src: url("$url/font.woff"); } p { font-family: x; }</style>
<script>document.title = "pwned-inline-script";</script>
<script src="$url/remote.js"></script>
</head>
<body onload="document.title='pwned-onload'">
<p id="marker">review of {{today}}</p>
<img src="$url/image.png?{{today}}" onerror="document.title='pwned-onerror'">
<img src="relative.png">
<svg onload="document.title='pwned-svg-onload'" width="10" height="10"><image href="$url/svg-image.png"/></svg>
<iframe srcdoc="&lt;script&gt;parent.document.title='pwned-srcdoc'&lt;/script&gt;&lt;img src=$url/srcdoc.png&gt;"></iframe>
<iframe src="$url/frame.html"></iframe>
<iframe src="javascript:parent.document.title='pwned-iframe-javascript-url'"></iframe>
<object data="$url/object.bin"></object>
<embed src="$url/embed.bin">
<video poster="$url/poster.png" src="$url/video.mp4" autoplay></video>
<audio src="$url/audio.mp3" autoplay></audio>
<form action="$url/form" method="post"><input name="x" value="{{today}}" autofocus onfocus="document.title='pwned-onfocus'"></form>
<a href="javascript:document.title='pwned-javascript-url'">x</a>
<details open ontoggle="document.title='pwned-ontoggle'"><summary>x</summary></details>
<img src="data:," onload="document.body.appendChild(document.createElement('aside')).id='pwned-data-onload'">
<script>document.body.appendChild(document.createElement('aside')).id = 'pwned-body-script'; new Image().src = "$url/beacon"; fetch("$url/fetch"); location = "$url/navigate";</script>
</body></html>
EOF

chromium_dump() { # FILE OUT
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --no-default-browser-check \
        --disable-extensions --user-data-dir="$profile" --virtual-time-budget=3000 \
        --dump-dom "file://$1" >"$2" 2>>"$tmp/stderr" || true
}

fail=0
"$kith" --vault "$tmp/vault" --today 2026-11-22 review --out "$tmp/review.html" || { echo "kith review failed"; exit 1; }
head -c 15 "$tmp/review.html" | grep -q '<!DOCTYPE html>' || { echo "the page does not start with kith's prologue"; fail=1; }
chromium_dump "$tmp/review.html" "$tmp/dom.html"
sleep 1 # let any late request reach the listener
grep -q 'review of 2026-11-22' "$tmp/dom.html" || { echo "the page did not render (no marker in the DOM)"; fail=1; }
grep -q '<title>untouched</title>' "$tmp/dom.html" || {
    echo "script ran: the title changed to: $(grep -o '<title>[^<]*</title>' "$tmp/dom.html")"
    fail=1
}
if grep -q 'id="pwned-' "$tmp/dom.html"; then
    echo "script ran: it added $(grep -o 'id="pwned-[a-z-]*"' "$tmp/dom.html" | tr '\n' ' ')"
    fail=1
fi
if [ -s "$tmp/hits.log" ]; then
    echo "the page reached the network:"
    sed 's/^/  /' "$tmp/hits.log"
    fail=1
fi

# The control: the same template as a plain page, without kith's prologue.
sed 's/{{today}}/2026-11-22/g' "$tmp/vault/templates/review.html" >"$tmp/control.html"
: >"$tmp/hits.log"
chromium_dump "$tmp/control.html" "$tmp/control-dom.html"
sleep 1
if grep -q '<title>untouched</title>' "$tmp/control-dom.html" && ! grep -q 'id="pwned-' "$tmp/control-dom.html"; then
    echo "control: no script ran without kith's policy either, so this test proves nothing"
    fail=1
fi
[ -s "$tmp/hits.log" ] || { echo "control: no request reached the listener without kith's policy"; fail=1; }

[ "$fail" -eq 0 ] && echo "hostile template: no script ran, no request was made (control: $(wc -l <"$tmp/hits.log") requests, script ran)"
exit "$fail"
