using System.Runtime.InteropServices;
using System.Text;
using Oms.Latency.Support;

namespace Oms.Latency.Tests;

public sealed class ThreadFaultsTests
{
    // A real line's shape: pid, (command), state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, ...
    [Theory]
    [InlineData("4242 (oms-engine) R 1 4242 4242 0 -1 4194368 1500 0 7 0 120 30 0 0 20 0 9 0", 1_507)]
    [InlineData("4242 (a b) c)) S 1 4242 4242 0 -1 4194368 12 0 3 0 1 1 0 0 20 0 9 0", 15)]
    [InlineData("4242 (x) S 1 2 3 4 5 6 0 0 0", 0)]
    public void Parse_takes_minor_plus_major_faults_after_the_command_name(string line, long expected) =>
        Assert.Equal(expected, ThreadFaults.Parse(Encoding.ASCII.GetBytes(line)));

    [Theory]
    [InlineData("")]
    [InlineData("4242 oms-engine R 1 4242")] // no parentheses
    [InlineData("4242 (x) S 1 2 3 4 5 6 7")] // cut short before majflt
    [InlineData("4242 (x) S 1 2 3 4 5 6 1x 0 0")] // not a number
    public void Parse_refuses_what_is_not_a_stat_line(string line) =>
        Assert.Equal(-1, ThreadFaults.Parse(Encoding.ASCII.GetBytes(line)));

    [Theory]
    [InlineData(3, 4, 7)]
    [InlineData(0, 0, 0)]
    [InlineData(-1, 4, -1)]
    [InlineData(3, -1, -1)]
    public void Add_is_not_counted_when_either_thread_was_not(long a, long b, long expected) =>
        Assert.Equal(expected, ThreadFaults.Add(a, b));

    [Fact]
    public void Read_counts_this_threads_faults_without_allocating()
    {
        using ThreadFaults faults = ThreadFaults.OfCurrentThread();
        Assert.SkipUnless(faults.Available, "per-thread fault counts come from Linux's /proc");
        faults.Read();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long before = faults.Read();
        long readAllocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        // 64 MiB from the C allocator (malloc): over glibc's largest mmap threshold, so always fresh pages from the OS, each
        // faulted in by its first write.
        const int Bytes = 64 << 20;
        nint fresh = Marshal.AllocHGlobal(Bytes);
        try
        {
            for (int i = 0; i < Bytes; i += 4096)
            {
                Marshal.WriteByte(fresh, i, 1);
            }

            long after = faults.Read();
            Assert.Equal(0, readAllocated);
            // 16,384 pages; fewer when the kernel backs part of the block with huge pages.
            Assert.True(after - before > 1_000, $"{after - before} faults for 16,384 fresh pages");
        }
        finally
        {
            Marshal.FreeHGlobal(fresh);
        }
    }
}
