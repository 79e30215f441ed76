using ActorTrain.Cluster.Driver;

namespace ActorTrain.Cluster.Tests.Driver;

public sealed class FaultReportTests
{
    [Theory]
    [InlineData("worker 1 at akka.tcp://actortrain@127.0.0.1:42475 (pid 6553) with stage(s) 1", "worker 1 (pid 6553) with stage(s) 1")]
    [InlineData("failed a Gloo call (worker 0 at akka.tcp://actortrain@127.0.0.1:44605 (pid 6552) with stage(s) 0 reports link 1->0 from rank 1: rank 0: receive from rank 1 (tag 2) failed: Connection reset by peer)",
        "failed a Gloo call (...)")]
    [InlineData("stopped answering: watchdog (stage 1 silent 9475 ms, deadline 9260 ms), fenced with SIGKILL",
        "stopped answering: watchdog (stage 1 silent 9475 ms, deadline 9260 ms), fenced with SIGKILL")]
    public void A_recovery_account_loses_addresses_and_long_errors_in_a_table_row(string account, string row) =>
        Assert.Equal(row, ClusterDriver.Brief(account));
}
