import TaskModel
