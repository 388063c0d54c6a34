# syntax=docker/dockerfile:1
# The gateway. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t tianjin-sti/gateway:dev .
# The web stage builds the pages the gateway serves at / (web/, as deploy/run.sh does: npm ci from the
# lock file, then the build, which checks the bundle budget) into gateway/Gateway/wwwroot; the build
# stage runs the same `dotnet publish -c Release` (ReadyToRun) that tests/Deployment.Tests runs, which ships them.

FROM node:22-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY services/Plans/Plans.Api/Plans.Api.json /src/services/Plans/Plans.Api/
COPY services/Enterprises/Enterprises.Api/Enterprises.Api.json /src/services/Enterprises/Enterprises.Api/
COPY services/Platforms/Platforms.Api/Platforms.Api.json /src/services/Platforms/Platforms.Api/
COPY web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so that the restore layer is rebuilt only when a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY services/BuildingBlocks/SharedKernel/SharedKernel.csproj services/BuildingBlocks/SharedKernel/
COPY services/BuildingBlocks/ServiceDefaults/ServiceDefaults.csproj services/BuildingBlocks/ServiceDefaults/
COPY gateway/Gateway/Gateway.csproj gateway/Gateway/
# The runtime the image is built for; --build-arg RUNTIME_ID=linux-arm64 for ARM nodes.
ARG RUNTIME_ID=linux-x64
RUN dotnet restore gateway/Gateway/Gateway.csproj -r $RUNTIME_ID -p:PublishReadyToRun=true
COPY services/BuildingBlocks/SharedKernel/ services/BuildingBlocks/SharedKernel/
COPY services/BuildingBlocks/ServiceDefaults/ services/BuildingBlocks/ServiceDefaults/
COPY gateway/Gateway/ gateway/Gateway/
COPY --from=web /src/gateway/Gateway/wwwroot/ gateway/Gateway/wwwroot/
# Compiled ahead of time (ReadyToRun): a pod starts on a fifth to two fifths less CPU than with the JIT
# alone (bench/startup.sh: services 31-39%, the gateway 18%; docs/operations.md).
RUN dotnet publish gateway/Gateway/Gateway.csproj -c Release -r $RUNTIME_ID --self-contained false -p:PublishReadyToRun=true --no-restore -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Nothing under /app is written at run time, so the root filesystem can be read-only: the diagnostics
# IPC socket (which would live in /tmp) is off, and /tmp is a volume. Signing keys come from
# TokenIssuer__SigningKeyPem (a Secret; every replica signs with it); without it a single gateway
# generates and rotates its keys in the key folder, which must then be a volume (deploy/compose.yaml).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_EnableDiagnostics=0 \
    TokenIssuer__KeyDirectory=/var/lib/gateway/keys
# A volume mounted here takes the folder's owner, so the app user can write its keys into it.
RUN mkdir -p /var/lib/gateway/keys && chown "$APP_UID" /var/lib/gateway/keys && chmod 700 /var/lib/gateway/keys
COPY --from=build /app/publish .
# The image's own non-root user (app, UID 1654), by number so that runAsNonRoot can verify it.
USER $APP_UID
EXPOSE 8080
# No curl in the runtime image: bash's /dev/tcp sends the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Gateway.dll"]
