#!/bin/sh
# Example deploy command for receiver.yml: it reads the push only from WEBHOOK_* variables, never from arguments.
set -eu
printf 'deploying %s at %s (delivery %s, pushed by %s)\n' \
    "${WEBHOOK_REPOSITORY:-?}" "${WEBHOOK_COMMIT:-?}" "${WEBHOOK_DELIVERY:-?}" "${WEBHOOK_PUSHER:-?}"
printf '%s %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${WEBHOOK_REF:-?}" "${WEBHOOK_COMMIT:-?}" >> deployed.txt
