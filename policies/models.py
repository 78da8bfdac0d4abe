# Policy documents, answers, reviews and versions arrive with the wizard.
