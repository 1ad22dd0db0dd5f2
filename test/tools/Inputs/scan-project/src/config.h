#pragma once
#define SMTP_PASSWORD "smtp-Pa55-2024"
