/// The POSIX `sh` program the build container runs as its command (`/bin/sh /flywheel/build-loop.sh`).
///
/// The job image needs nothing but `/bin/sh` and `/proc`. The loop and the supervisor talk through files
/// in the shared `/flywheel` volume (see ``PodWorkspace``):
/// - the supervisor writes `scripts/<n>-<stage>` and then `control/<n>.run` (holding the script path);
/// - the loop runs it with bash when the image has it, else sh, stdout and stderr to `logs/<n>.log`,
///   touching `control/heartbeat` about every 100 ms while it lives;
/// - `control/<n>.signal` (TERM or KILL) makes the loop signal the stage and all its descendants;
/// - the loop writes the exit status to `control/<n>.exit` (by rename, so it is whole when seen);
/// - `control/stop` ends the loop (and so the container) with status 0.
public enum BuildLoopScript {
    public static let text = #"""
        #!/bin/sh
        # flywheel build loop: runs the stages the supervisor asks for, one at a time.
        R="${FLYWHEEL_ROOT:-/flywheel}"
        C="$R/control"
        n=1
        nap() { sleep 0.1 2>/dev/null || sleep 1; }
        beat() { : > "$C/heartbeat"; }
        # state of a process: empty when gone, Z when it is a zombie
        state() { s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0; s=${s##*) }; echo "${s%% *}"; }
        # every descendant of $1 (children first seen, breadth first), from /proc
        tree() {
            todo=$1
            while [ -n "$todo" ]; do
                next=""
                for f in /proc/[0-9]*/stat; do
                    s=$(cat "$f" 2>/dev/null) || continue
                    p=${f#/proc/}; p=${p%/stat}
                    s=${s##*) }; s=${s#* }; pp=${s%% *}
                    for t in $todo; do [ "$pp" = "$t" ] && { echo "$p"; next="$next $p"; }; done
                done
                todo=$next
            done
        }
        signal() { for p in $2 $(tree "$2"); do kill -s "$1" "$p" 2>/dev/null; done; }
        while :; do
            beat
            [ -f "$C/stop" ] && exit 0
            if [ -f "$C/$n.run" ]; then
                script=$(cat "$C/$n.run")
                if command -v bash >/dev/null 2>&1; then shell=bash; else shell=sh; fi
                "$shell" "$script" > "$R/logs/$n.log" 2>&1 < /dev/null &
                pid=$!
                sent=""
                while :; do
                    st=$(state "$pid")
                    [ -z "$st" ] || [ "$st" = Z ] && break
                    beat
                    if [ -f "$C/$n.signal" ]; then
                        sig=$(cat "$C/$n.signal")
                        [ "$sig" != "$sent" ] && { signal "$sig" "$pid"; sent=$sig; }
                    fi
                    nap
                done
                left=$(tree "$pid")
                wait "$pid"; rc=$?
                for p in $left; do kill -s KILL "$p" 2>/dev/null; done
                echo "$rc" > "$C/$n.exit.tmp" && mv "$C/$n.exit.tmp" "$C/$n.exit"
                n=$((n + 1))
            else
                nap
            fi
        done
        """#
}
