#!/bin/sh
# Stands in for sendmail(1) in tests: records its arguments and the message, and exits with
# $FAKE_SENDMAIL_STATUS (0 by default), saying why on stderr as sendmail does.
out="$FAKE_SENDMAIL_DIR"
printf '%s\n' "$@" > "$out/args"
cat > "$out/message"
status="${FAKE_SENDMAIL_STATUS:-0}"
if [ "$status" != 0 ]; then echo "sendmail: fatal: queue file write error" >&2; fi
exit "$status"
