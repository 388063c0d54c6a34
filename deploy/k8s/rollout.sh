#!/usr/bin/env bash
# Rolls a release out with kubectl alone (Argo CD does the same through the Jobs' PreSync hooks):
#   1. what the workloads need first (component=config: the namespace, ConfigMaps, Secrets, network
#      policies), so that the migration Jobs find them;
#   2. the migration Jobs, alone, waited for: a failed migration stops the release here while the
#      running release keeps serving (migrations are expand/contract, docs/operations.md);
#   3. everything else; the Deployments roll, their replicas starting with MigrateOnStartup=false.
#   deploy/k8s/rollout.sh deploy/k8s/overlays/prod [TIMEOUT, default 15m]
set -euo pipefail

OVERLAY=${1:?usage: rollout.sh OVERLAY [TIMEOUT]}
TIMEOUT=${2:-15m}
rendered=$(mktemp --suffix .yaml)
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$OVERLAY" >"$rendered"
migration=app.kubernetes.io/component=migration

echo "1/3 configuration"
kubectl apply -f "$rendered" --selector app.kubernetes.io/component=config

echo "2/3 migrations"
# A Job's template cannot change, and the last release's Job has finished: replace it.
kubectl delete -f "$rendered" --selector "$migration" --ignore-not-found --wait
kubectl apply -f "$rendered" --selector "$migration"
kubectl wait -f "$rendered" --selector "$migration" --for=condition=Complete --timeout "$TIMEOUT"

echo "3/3 workloads"
kubectl apply -f "$rendered"
kubectl rollout status -f "$rendered" --selector 'app.kubernetes.io/component in (api,gateway)' --timeout "$TIMEOUT"
