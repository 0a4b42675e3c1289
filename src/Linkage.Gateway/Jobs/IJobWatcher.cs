namespace Linkage.Gateway.Jobs;

/// <summary>Told by <see cref="JobBoard"/> when a job turns failing or recovers, on the job's own thread: must return at once.</summary>
public interface IJobWatcher
{
    void Changed(JobTransition transition);
}
