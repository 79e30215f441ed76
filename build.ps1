# ActorTrain's entry point for PowerShell users: the same steps as build.sh (which CI and the README use).
#   ./build.ps1 [setup|build|test|run|bench ARGS|clean]
param([string]$Target = "build", [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest = @())
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot
$env:DOTNET_NOLOGO = "1"; $env:DOTNET_CLI_TELEMETRY_OPTOUT = "1"
$Config = if ($env:ACTORTRAIN_CONFIGURATION) { $env:ACTORTRAIN_CONFIGURATION } else { "Release" }
$AptPackages = @("libtorch-dev", "libgloo-dev", "libopenblas0-pthread", "dataset-fashion-mnist", "cmake", "g++")

function Invoke-Checked([string]$Exe, [string[]]$ArgList) {
    & $Exe @ArgList
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($ArgList -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Setup {
    $missing = @($AptPackages | Where-Object { -not ((dpkg-query -W -f='${Status}' $_ 2>$null) -match "install ok installed") })
    if ($missing.Count -gt 0) {
        Write-Host "==> installing Debian packages: $($missing -join ' ')"
        $sudo = if ((id -u) -ne "0") { @("sudo") } else { @() }
        Invoke-Checked ($sudo + "apt-get")[0] (($sudo + @("apt-get", "update", "-qq")) | Select-Object -Skip 1)
        $env:DEBIAN_FRONTEND = "noninteractive"
        Invoke-Checked ($sudo + "apt-get")[0] ((($sudo + @("apt-get", "install", "-y", "-qq")) | Select-Object -Skip 1) + $missing)
    }
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { Write-Error "the .NET SDK (dotnet) is not on PATH"; exit 2 }
}

function Invoke-Build {
    Invoke-Setup
    Write-Host "==> building the native shim (src/native)"
    Invoke-Checked cmake @("-S", "src/native", "-B", "build/native", "-DCMAKE_BUILD_TYPE=Release")
    Invoke-Checked cmake @("--build", "build/native", "-j", [Environment]::ProcessorCount)
    New-Item -ItemType Directory -Force artifacts/native | Out-Null
    Copy-Item build/native/libactortrain_native.so artifacts/native/
    if (Test-Path build/native/bench/mlp_bench) { Copy-Item build/native/bench/mlp_bench artifacts/native/ }
    Write-Host "==> building the .NET solution ($Config)"
    Invoke-Checked dotnet @("build", "ActorTrain.sln", "-c", $Config, "-nologo", "-clp:ErrorsOnly", "-nodeReuse:false")
    Invoke-Checked dotnet @("publish", "src/ActorTrain.Cli/ActorTrain.Cli.csproj", "-c", $Config, "--no-build", "-o", "artifacts/bin", "-nologo")
    if (Test-Path artifacts/native/mlp_bench) { Copy-Item artifacts/native/mlp_bench artifacts/bin/ }
}

function Invoke-Tests {
    Invoke-Build
    $results = Join-Path $PSScriptRoot "artifacts/test-results"
    Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
    $rc = 0; $projects = 0
    # One project at a time, each with its own TRX file, so no result overwrites another's.
    foreach ($project in Get-ChildItem tests/*/*.Tests.csproj) {
        $projects++
        & dotnet test $project.FullName -c $Config --no-build -nologo --results-directory $results --logger "trx;LogFileName=$($project.BaseName).trx" --logger "console;verbosity=minimal"
        if ($LASTEXITCODE -ne 0) { $rc = $LASTEXITCODE }
    }
    $passed = 0; $failed = 0; $skipped = 0; $files = 0
    foreach ($trx in Get-ChildItem $results -Filter *.trx -ErrorAction SilentlyContinue) {
        $files++
        $c = ([xml](Get-Content $trx.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$c.passed; $failed += [int]$c.failed; $skipped += [int]$c.total - [int]$c.executed
    }
    if ($files -lt $projects) { $failed += $projects - $files }   # a crashed test host wrote no TRX
    if ($failed -eq 0 -and $rc -ne 0) { $failed = 1 }
    if ($skipped -gt 0) { "$passed passed, $failed failed, $skipped skipped" } else { "$passed passed, $failed failed" }
    if ($failed -gt 0) { exit 1 }
}

switch ($Target) {
    "setup" { Invoke-Setup }
    "build" { Invoke-Build }
    "test" { Invoke-Tests }
    "run" { Invoke-Build; & artifacts/bin/actortrain train --config hocon/local-sync.conf @Rest; exit $LASTEXITCODE }
    "bench" { Invoke-Build; & artifacts/bin/actortrain bench @Rest; exit $LASTEXITCODE }
    "clean" { Remove-Item -Recurse -Force build, artifacts -ErrorAction SilentlyContinue; Get-ChildItem src, tests -Recurse -Directory -Include bin, obj | Remove-Item -Recurse -Force }
    default { Write-Error "usage: ./build.ps1 [setup|build|test|run|bench ARGS|clean]"; exit 2 }
}
