output "lake_uri" {
  description = "The --lake value: where the Delta tables live."
  value       = local.lake_uri
}

output "lake_bucket" {
  description = "The lake bucket."
  value       = aws_s3_bucket.lake.bucket
}

output "glue_database" {
  description = "The Glue database the tables are registered in."
  value       = aws_glue_catalog_database.lake.name
}

output "ecr_repository_url" {
  description = "Push the clickbatch image here (docker push <url>:<tag>)."
  value       = aws_ecr_repository.clickbatch.repository_url
}

output "ecs_cluster_arn" {
  description = "Cluster for scheduled and one-off (backfill) tasks."
  value       = aws_ecs_cluster.clickbatch.arn
}

output "task_definition_family" {
  description = "Task definition family to run one-off tasks with (aws ecs run-task --task-definition)."
  value       = aws_ecs_task_definition.clickbatch.family
}

output "task_security_group_id" {
  description = "Security group for one-off tasks."
  value       = aws_security_group.task.id
}

output "spectrum_role_arn" {
  description = "IAM_ROLE for CREATE EXTERNAL SCHEMA ... FROM DATA CATALOG."
  value       = aws_iam_role.spectrum.arn
}

output "log_group" {
  description = "CloudWatch log group of the job."
  value       = aws_cloudwatch_log_group.clickbatch.name
}

output "redshift_workgroup" {
  description = "Redshift Serverless workgroup, when created."
  value       = var.create_redshift_serverless ? aws_redshiftserverless_workgroup.clickbatch[0].workgroup_name : null
}
