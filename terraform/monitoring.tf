locals {
  alarm_actions = var.alarm_sns_topic_arn == "" ? [] : [var.alarm_sns_topic_arn]
  # The job logs one JSON line with EventId 1900 when a run ends (ClickBatch.Jobs log events), State.Status
  # being Succeeded, Failed, DataLoss, RejectThresholdExceeded, Conflict, Interrupted or CatalogCheckFailed (the
  # Redshift Spectrum check, enable_redshift_check, found a mismatch or could not run; the data is committed).
  run_ended_event_id = 1900
}

resource "aws_cloudwatch_log_metric_filter" "run_failed" {
  name           = "${var.name}-run-failed"
  log_group_name = aws_cloudwatch_log_group.clickbatch.name
  pattern        = "{ ($.EventId = ${local.run_ended_event_id}) && ($.State.Status != \"Succeeded\") }"

  metric_transformation {
    name          = "RunFailed"
    namespace     = "ClickBatch"
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_log_metric_filter" "run_succeeded" {
  name           = "${var.name}-run-succeeded"
  log_group_name = aws_cloudwatch_log_group.clickbatch.name
  pattern        = "{ ($.EventId = ${local.run_ended_event_id}) && ($.State.Status = \"Succeeded\") }"

  metric_transformation {
    name          = "RunSucceeded"
    namespace     = "ClickBatch"
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "run_failed" {
  alarm_name          = "${var.name}-run-failed"
  alarm_description   = "A ClickBatch run ended with a failure status (data loss, reject ratio, conflict, Spectrum check, error). See the run report in s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}/_clickbatch/runs/."
  namespace           = "ClickBatch"
  metric_name         = "RunFailed"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# A run that never logs its end (OOM, SIGKILL, image pull failure) is caught by the absence of a success.
resource "aws_cloudwatch_metric_alarm" "no_recent_success" {
  alarm_name          = "${var.name}-no-success-in-26h"
  alarm_description   = "No ClickBatch run succeeded in the last 26 hours."
  namespace           = "ClickBatch"
  metric_name         = "RunSucceeded"
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 26
  datapoints_to_alarm = 26
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "schedule_dlq" {
  alarm_name          = "${var.name}-schedule-could-not-start"
  alarm_description   = "EventBridge Scheduler gave up starting the ClickBatch task (see the dead-letter queue)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.schedule_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}
