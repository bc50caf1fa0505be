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

# Alarms on the metrics each run writes into its log as CloudWatch Embedded Metric Format lines (docs/metrics.md):
# namespace ClickBatch, dimensions JobId (the job's default id, clickbatch) and Topic. No metric filter is needed.
locals {
  job_id = "clickbatch"
}

# Rejects above a share of the records read, per topic: producers started sending something the schema refuses
# (the run fails only above Run.MaxRejectRatio; this warns well before).
resource "aws_cloudwatch_metric_alarm" "reject_ratio" {
  for_each            = toset(var.topics)
  alarm_name          = "${var.name}-${each.key}-reject-ratio"
  alarm_description   = "More than ${var.alarm_reject_ratio * 100}% of the ${each.key} records a run read went to ${each.key}_rejects. Query the rejects table's error_kind."
  evaluation_periods  = 1
  threshold           = var.alarm_reject_ratio
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "ratio"
    expression  = "IF(records > 0, rejects / records, 0)"
    label       = "Reject ratio"
    return_data = true
  }

  metric_query {
    id = "rejects"
    metric {
      namespace   = "ClickBatch"
      metric_name = "Rejects"
      dimensions  = { JobId = local.job_id, Topic = each.key }
      period      = 3600
      stat        = "Sum"
    }
  }

  metric_query {
    id = "records"
    metric {
      namespace   = "ClickBatch"
      metric_name = "Records"
      dimensions  = { JobId = local.job_id, Topic = each.key }
      period      = 3600
      stat        = "Sum"
    }
  }
}

# Records that were in Kafka when a run started but not in the table when it ended (a failed or stopped run).
resource "aws_cloudwatch_metric_alarm" "lag_at_end" {
  for_each            = toset(var.topics)
  alarm_name          = "${var.name}-${each.key}-lag-at-end"
  alarm_description   = "A run ended with ${each.key} records it was to land still missing from the table; the next run lands them. See the run report."
  namespace           = "ClickBatch"
  metric_name         = "LagAtEnd"
  dimensions          = { JobId = local.job_id, Topic = each.key }
  statistic           = "Maximum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# The backlog a run finds: above what one night can land, the schedule no longer keeps up (add tasks: task_count).
resource "aws_cloudwatch_metric_alarm" "lag_at_start" {
  for_each            = toset(var.topics)
  alarm_name          = "${var.name}-${each.key}-lag-at-start"
  alarm_description   = "A run found more than ${var.alarm_lag_at_start_records} ${each.key} records to land."
  namespace           = "ClickBatch"
  metric_name         = "LagAtStart"
  dimensions          = { JobId = local.job_id, Topic = each.key }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = var.alarm_lag_at_start_records
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}
