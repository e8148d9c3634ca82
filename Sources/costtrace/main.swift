print("costtrace")
