# syntax=docker/dockerfile:1
# The Enterprises service. Build from the repository root:
#   docker build -f deploy/docker/enterprises.Dockerfile -t tianjin-sti/enterprises:dev .
# The build stage runs the same `dotnet publish -c Release` (ReadyToRun) that tests/Deployment.Tests runs.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so that the restore layer is rebuilt only when a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY services/BuildingBlocks/SharedKernel/SharedKernel.csproj services/BuildingBlocks/SharedKernel/
COPY services/BuildingBlocks/ServiceDefaults/ServiceDefaults.csproj services/BuildingBlocks/ServiceDefaults/
COPY services/BuildingBlocks/Persistence/Persistence.csproj services/BuildingBlocks/Persistence/
COPY services/BuildingBlocks/EventBus/EventBus.csproj services/BuildingBlocks/EventBus/
COPY services/BuildingBlocks/EventBus.Redis/EventBus.Redis.csproj services/BuildingBlocks/EventBus.Redis/
COPY services/Enterprises/Enterprises.Contracts/Enterprises.Contracts.csproj services/Enterprises/Enterprises.Contracts/
COPY services/Platforms/Platforms.Contracts/Platforms.Contracts.csproj services/Platforms/Platforms.Contracts/
COPY services/Enterprises/Enterprises.Api/Enterprises.Api.csproj services/Enterprises/Enterprises.Api/
# The runtime the image is built for; --build-arg RUNTIME_ID=linux-arm64 for ARM nodes.
ARG RUNTIME_ID=linux-x64
RUN dotnet restore services/Enterprises/Enterprises.Api/Enterprises.Api.csproj -r $RUNTIME_ID -p:PublishReadyToRun=true
COPY services/BuildingBlocks/ services/BuildingBlocks/
COPY services/Enterprises/Enterprises.Contracts/ services/Enterprises/Enterprises.Contracts/
COPY services/Platforms/Platforms.Contracts/ services/Platforms/Platforms.Contracts/
COPY services/Enterprises/Enterprises.Api/ services/Enterprises/Enterprises.Api/
# Compiled ahead of time (ReadyToRun): a pod starts on a fifth to two fifths less CPU than with the JIT
# alone (bench/startup.sh: services 31-39%, the gateway 18%; docs/operations.md).
RUN dotnet publish services/Enterprises/Enterprises.Api/Enterprises.Api.csproj -c Release -r $RUNTIME_ID --self-contained false -p:PublishReadyToRun=true --no-restore -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Nothing here is written at run time, so the root filesystem can be read-only: the database is
# PostgreSQL, the diagnostics IPC socket (which would live in /tmp) is off, and /tmp is a volume.
# The collector's young generation is 16 MiB (hexadecimal), which bounds what an import adds to the
# process's memory (the project file chooses the workstation collector; docs/operations.md).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_GCgen0size=0x1000000
COPY --from=build /app/publish .
# The image's own non-root user (app, UID 1654), by number so that runAsNonRoot can verify it.
USER $APP_UID
EXPOSE 8080
# No curl in the runtime image: bash's /dev/tcp sends the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Enterprises.Api.dll"]
