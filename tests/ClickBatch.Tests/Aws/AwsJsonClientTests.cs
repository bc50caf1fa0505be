using System.Net;
using System.Text.Json;
using ClickBatch.Aws;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Aws;

public sealed class AwsJsonClientTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_Success_PostsSignedAmzJsonToTheTarget()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Answer":"yes"}"""));
        var client = AwsTestClients.Json(handler, AwsService.Glue, new FakeTimeProvider(Start));

        var response = await client.SendAsync<object, TestResponse>("GetThing", new { Name = "x", Missing = (string?)null }, CancellationToken.None);

        response.Answer.ShouldBe("yes");
        var sent = handler.Requests.Single();
        sent.Method.ShouldBe("POST");
        sent.Target.ShouldBe("AWSGlue.GetThing");
        sent.Headers["Content-Type"].ShouldBe("application/x-amz-json-1.1");
        sent.Headers["X-Amz-Date"].ShouldBe("20240102T030405Z");
        sent.Headers["Authorization"].ShouldStartWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/20240102/us-east-1/glue/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=");
        sent.Body.ShouldBe("""{"Name":"x"}""");
    }

    [Fact]
    public async Task SendAsync_SessionCredentials_SendsTheSecurityToken()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        var client = AwsTestClients.Json(handler, AwsService.RedshiftData, credentials: new AwsCredentials("ASIA", "s", "token-1"));

        await client.SendAsync<object, JsonElement>("DescribeStatement", new { Id = "1" }, CancellationToken.None);

        var sent = handler.Requests.Single();
        sent.Headers["X-Amz-Security-Token"].ShouldBe("token-1");
        sent.Headers["Authorization"].ShouldContain("/redshift-data/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,");
    }

    [Fact]
    public async Task SendAsync_ErrorResponse_ThrowsNamingOperationAndCodeWithoutRetry()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(
            HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.glue#EntityNotFoundException","message":"Table t not found."}""", "req-42"));
        var client = AwsTestClients.Json(handler, AwsService.Glue);

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync<object, JsonElement>("GetTable", new { }, CancellationToken.None));

        error.ErrorCode.ShouldBe("EntityNotFoundException");
        error.Operation.ShouldBe("GetTable");
        error.HttpStatus.ShouldBe(HttpStatusCode.BadRequest);
        error.RequestId.ShouldBe("req-42");
        error.IsTransient.ShouldBeFalse();
        error.Message.ShouldContain("GetTable");
        error.Message.ShouldContain("EntityNotFoundException");
        error.Message.ShouldContain("Table t not found.");
        error.Facts["ErrorCode"].ShouldBe("EntityNotFoundException");
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_XmlErrorBody_ReadsCodeAndMessage()
    {
        var handler = FakeHttpHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>Check your key.</Message></Error></Errors></ErrorResponse>"),
        });
        var client = AwsTestClients.Json(handler, AwsService.Glue);

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync<object, JsonElement>("GetTable", new { }, CancellationToken.None));

        error.ErrorCode.ShouldBe("SignatureDoesNotMatch");
        error.AwsMessage.ShouldBe("Check your key.");
        error.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_ThrottledOnce_RetriesAndSucceeds()
    {
        var handler = FakeHttpHandler.Sequence(
            () => FakeHttpHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Answer":"after"}"""));
        var client = AwsTestClients.Json(handler, AwsService.Glue);

        var response = await client.SendAsync<object, TestResponse>("GetTable", new { }, CancellationToken.None);

        response.Answer.ShouldBe("after");
        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_ServerErrorEveryTime_GivesUpAfterMaxRetries()
    {
        var handler = FakeHttpHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("<html>boom</html>") });
        var client = AwsTestClients.Json(handler, AwsService.Glue, retry: new AwsRetryOptions { MaxRetryAttempts = 3, BaseDelay = TimeSpan.Zero });

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync<object, JsonElement>("GetPartitions", new { }, CancellationToken.None));

        error.ErrorCode.ShouldBe("Http500");
        error.IsTransient.ShouldBeTrue();
        error.Message.ShouldContain("<html>boom</html>");
        handler.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task SendAsync_NetworkError_IsRetried()
    {
        var calls = 0;
        var handler = new FakeHttpHandler(_ => ++calls == 1
            ? throw new HttpRequestException("connection reset")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"Answer":"ok"}"""));
        var client = AwsTestClients.Json(handler, AwsService.Glue);

        var response = await client.SendAsync<object, TestResponse>("GetTable", new { }, CancellationToken.None);

        response.Answer.ShouldBe("ok");
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_Backoff_WaitsOnTheInjectedClockAndSignsEachAttemptAfresh()
    {
        var clock = new WaitRecordingClock(Start);
        var handler = FakeHttpHandler.Sequence(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Answer":"late"}"""));
        var retry = new AwsRetryOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromSeconds(90) };
        var client = AwsTestClients.Json(handler, AwsService.Glue, clock, retry);

        var call = client.SendAsync<object, TestResponse>("GetTable", new { }, CancellationToken.None);
        var wakeUp = await clock.NextWakeUpAsync(call);

        // The backoff is a timer on the injected clock, which has not moved: the retry cannot have been sent yet.
        wakeUp.ShouldNotBeNull("the failed attempt should wait for its backoff on the injected clock");
        clock.Waits.ShouldHaveSingleItem().ShouldBeInRange(TimeSpan.FromTicks(1), retry.MaxDelay);
        handler.Requests.Count.ShouldBe(1);
        call.IsCompleted.ShouldBeFalse();
        clock.SetUtcNow(wakeUp.Value);

        (await call.WaitAsync(TimeSpan.FromSeconds(10))).Answer.ShouldBe("late");
        handler.Requests.Count.ShouldBe(2);
        handler.Requests[0].Headers["X-Amz-Date"].ShouldBe(AmzDate(Start));
        handler.Requests[1].Headers["X-Amz-Date"].ShouldBe(AmzDate(wakeUp.Value));
    }

    [Fact]
    public async Task SendAsync_EndpointUnreachableEveryTime_ThrowsUnreachableNamingOperationAndEndpointAfterRetries()
    {
        var calls = 0;
        var handler = new FakeHttpHandler(_ =>
        {
            calls++;
            throw new HttpRequestException("Connection refused (127.0.0.1:1)");
        });
        var client = AwsTestClients.Json(handler, AwsService.Glue, retry: new AwsRetryOptions { MaxRetryAttempts = 2, BaseDelay = TimeSpan.Zero });

        var error = await Should.ThrowAsync<AwsUnreachableException>(() => client.SendAsync<object, TestResponse>("GetTable", new { }, CancellationToken.None));

        calls.ShouldBe(3);
        error.Message.ShouldStartWith("AWSGlue GetTable failed: could not reach https://glue.us-east-1.amazonaws.com/ (Connection refused (127.0.0.1:1))");
        error.IsTransient.ShouldBeTrue();
        error.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
    }

    [Fact]
    public async Task SendAsync_CancelledByTheCaller_StaysACancellationNotUnreachable()
    {
        using var cancel = new CancellationTokenSource();
        var handler = new FakeHttpHandler(_ =>
        {
            cancel.Cancel();
            throw new TaskCanceledException("cancelled", null, cancel.Token);
        });
        var client = AwsTestClients.Json(handler, AwsService.Glue);

        await Should.ThrowAsync<OperationCanceledException>(() => client.SendAsync<object, TestResponse>("GetTable", new { }, cancel.Token));
    }

    [Fact]
    public async Task SendAsync_SuccessWithHtmlBody_ThrowsNamingTheOperation()
    {
        var handler = FakeHttpHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html/>") });
        var client = AwsTestClients.Json(handler, AwsService.Glue);

        var error = await Should.ThrowAsync<ClickBatch.Errors.ClickBatchException>(() => client.SendAsync<object, TestResponse>("GetTable", new { }, CancellationToken.None));

        error.Message.ShouldContain("AWSGlue GetTable");
    }

    private static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public sealed record TestResponse(string Answer);
}
