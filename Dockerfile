# The replicabench image that 'replicabench k8s manifest' runs (docs/kubernetes.md):
#   docker build -t registry.example.com/replicabench:1.0 .
# Stage 1 publishes the CLI with the .NET SDK; stage 2 is the .NET runtime with the published files,
# the fonts the report renders its charts with, and a non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The restore first, from the project files alone, so that a code change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY eng/ eng/
COPY src/ReplicaBench.Core/ReplicaBench.Core.csproj src/ReplicaBench.Core/
COPY src/ReplicaBench.Results/ReplicaBench.Results.csproj src/ReplicaBench.Results/
COPY src/ReplicaBench.Reporting/ReplicaBench.Reporting.csproj src/ReplicaBench.Reporting/
COPY loadtests/ReplicaBench.LoadTests/ReplicaBench.LoadTests.csproj loadtests/ReplicaBench.LoadTests/
COPY tools/ReplicaBench.Cli/ReplicaBench.Cli.csproj tools/ReplicaBench.Cli/
RUN dotnet restore tools/ReplicaBench.Cli/ReplicaBench.Cli.csproj
COPY src/ src/
COPY loadtests/ReplicaBench.LoadTests/ loadtests/ReplicaBench.LoadTests/
COPY tools/ReplicaBench.Cli/ tools/ReplicaBench.Cli/
# Framework-dependent and portable (no runtime identifier): the same files run on amd64 and arm64 nodes.
RUN dotnet publish tools/ReplicaBench.Cli/ReplicaBench.Cli.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
# replicabench report draws its charts with SkiaSharp, which needs fontconfig and a font (DejaVu, as in CI).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fontconfig \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN ln -s /app/replicabench /usr/local/bin/replicabench
# The image's non-root user (APP_UID, 1654); the manifest's pods run as it and give the shared volume
# to its group (fsGroup).
USER $APP_UID
ENTRYPOINT ["replicabench"]
CMD ["--help"]
